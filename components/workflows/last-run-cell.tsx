import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import type { WorkflowSummary } from "@/lib/client/types";
import { RelativeTime } from "@/components/runs/relative-time";

export function LastRunCell({ lastRun }: { lastRun: WorkflowSummary["lastRun"] }) {
  if (!lastRun) return <span className="text-muted-foreground">Never run</span>;
  return (
    <Link
      href={`/runs/${lastRun.id}`}
      className="-mx-1.5 inline-flex items-center gap-2 rounded-md px-1.5 py-1 hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <StatusBadge status={lastRun.status} />
      <RelativeTime iso={lastRun.createdAt} className="text-muted-foreground" />
    </Link>
  );
}
