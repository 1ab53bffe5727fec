"use client";

import { ArrowUpRight, Loader2, RotateCcw } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";
import { JsonView } from "@/components/runs/json-view";
import { Button } from "@/components/ui/button";
import { describeError } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { OutcomeBadge } from "./outcome-badge";
import { useResend } from "./queries";
import type { Delivery } from "@/lib/client/types";

function parsedBody(delivery: Delivery): { json: unknown } | null {
  if (!delivery.body || delivery.bodyTruncated || !/json/.test(delivery.contentType ?? "")) return null;
  try {
    return { json: JSON.parse(delivery.body) };
  } catch {
    return null;
  }
}

function Section({ title, children, aside }: { title: string; children: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** One delivery: what arrived (headers masked), what was answered and why, its run, and Re-send. */
export function DeliveryDetail({ workflowId, delivery }: { workflowId: string; delivery: Delivery }) {
  const resend = useResend(workflowId);
  const json = parsedBody(delivery);
  const query = new URLSearchParams(delivery.query).toString();
  const canResend = !delivery.bodyTruncated && delivery.status !== 413;

  const onResend = () =>
    resend.mutate(delivery.id, {
      onSuccess: ({ runId }) =>
        toast.success("Delivery re-sent", {
          description: "A new run started with the stored request.",
          action: { label: "Open run", onClick: () => window.location.assign(`/runs/${runId}`) },
        }),
      onError: (error) => toast.error(describeError(error)),
    });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <OutcomeBadge outcome={delivery.outcome} />
            <span className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">
              {delivery.method} → {delivery.status}
            </span>
          </div>
          <p className="text-sm text-muted-foreground">{formatDateTime(delivery.receivedAt)}</p>
        </div>
        <div className="flex gap-2">
          {delivery.runId && (
            <Button asChild variant="outline" size="sm">
              <Link href={`/runs/${delivery.runId}`}>
                Open run
                <ArrowUpRight />
              </Link>
            </Button>
          )}
          <Button size="sm" onClick={onResend} disabled={!canResend || resend.isPending} title={canResend ? "Start a new run with this request" : "The body was not stored in full"}>
            {resend.isPending ? <Loader2 className="animate-spin" /> : <RotateCcw />}
            Re-send
          </Button>
        </div>
      </div>

      {delivery.reason && (
        <p className={delivery.outcome === "rejected" ? "rounded-md border border-destructive/40 bg-destructive/10 p-2.5 text-sm text-destructive" : "rounded-md border bg-muted/40 p-2.5 text-sm"}>
          {delivery.reason}
        </p>
      )}

      <Section title="Request">
        <p className="font-mono text-xs break-all">
          {delivery.method} {delivery.path}
          {query && <span className="text-muted-foreground">?{query}</span>}
        </p>
        {delivery.dedupKey && (
          <p className="text-xs text-muted-foreground">
            Dedup key <code className="font-mono text-foreground">{delivery.dedupKey}</code>
          </p>
        )}
      </Section>

      <Section title="Body" aside={delivery.contentType && <span className="font-mono text-[11px] text-muted-foreground">{delivery.contentType}</span>}>
        {json ? (
          <JsonView value={json.json} copyLabel="Copy body" />
        ) : delivery.body ? (
          <pre className="max-h-96 overflow-auto rounded-lg border bg-muted/40 p-3 font-mono text-xs whitespace-pre-wrap break-all">{delivery.body}</pre>
        ) : (
          <p className="rounded-lg border border-dashed px-3 py-2.5 text-xs text-muted-foreground italic">Empty body</p>
        )}
        {delivery.bodyTruncated && <p className="text-xs text-amber-700 dark:text-warning">The body was larger than 256 KB; only its beginning is stored, so it cannot be re-sent.</p>}
      </Section>

      <Section title="Headers">
        <div className="overflow-hidden rounded-lg border">
          <table className="w-full text-xs">
            <tbody>
              {Object.entries(delivery.headers)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([name, value]) => (
                  <tr key={name} className="border-b last:border-0">
                    <th scope="row" className="w-2/5 bg-muted/40 px-2.5 py-1.5 text-left align-top font-mono font-normal text-muted-foreground">
                      {name}
                    </th>
                    <td className="px-2.5 py-1.5 font-mono break-all">{value}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
        <p className="text-[11px] text-muted-foreground">Credentials and signature headers are masked (••••••).</p>
      </Section>

      {delivery.response && (
        <Section title="Response set by the run">
          <JsonView value={delivery.response} copyLabel="Copy response" />
        </Section>
      )}
    </div>
  );
}
