import { Activity, Gauge, TrendingDown, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnomalyKind } from "@/lib/runs/anomalies/detect";
import type { RunStats } from "@/lib/runs/stats";

const KINDS: Record<AnomalyKind, { label: string; icon: typeof Activity }> = {
  volume_drop: { label: "Fewer runs than usual", icon: TrendingDown },
  error_spike: { label: "More failures than usual", icon: TriangleAlert },
  slow_runs: { label: "Slower than usual", icon: Gauge },
};

function hour(start: string, end: string): string {
  const from = new Date(start);
  const day = from.toLocaleDateString(undefined, { weekday: "short", month: "short", day: "numeric" });
  const time = (date: Date) => date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return `${day}, ${time(from)}–${time(new Date(end))}`;
}

/** Hours in which a workflow left the range learned from the same hour of earlier weeks (docs/monitoring.md#anomaly-alerts). */
export function AnomaliesCard({ stats }: { stats: RunStats }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Anomalies</CardTitle>
        <CardDescription>Hours in which a workflow&apos;s runs, failures or durations left what the same hour of earlier weeks looked like.</CardDescription>
      </CardHeader>
      <CardContent>
        {stats.anomalies.length ? (
          <ul aria-label="Anomalies" className="divide-y">
            {stats.anomalies.map((anomaly) => {
              const { label, icon: Icon } = KINDS[anomaly.kind];
              return (
                <li key={anomaly.id} className="flex items-start gap-3 py-2.5 first:pt-0 last:pb-0">
                  <Icon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
                  <div className="min-w-0 space-y-0.5 text-sm">
                    <p>
                      <Link href={`/runs?workflowId=${anomaly.workflowId}`} className="font-medium underline-offset-4 hover:underline">
                        {anomaly.workflowName}
                      </Link>
                      <span className="text-muted-foreground"> · {label} · {hour(anomaly.windowStart, anomaly.windowEnd)}</span>
                    </p>
                    <p className="text-xs text-muted-foreground">{anomaly.summary}</p>
                  </div>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="py-4 text-center text-sm text-muted-foreground">Every workflow stayed within its usual range in this period.</p>
        )}
      </CardContent>
    </Card>
  );
}
