import { ArrowLeft, ExternalLink, Network, Recycle } from "lucide-react";
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { formatModelUsage } from "@/lib/ai/usage";
import { formatDateTime } from "@/lib/client/format";
import type { RunDetail } from "@/lib/client/types";
import { CopyButton } from "./copy-button";
import { RecoveryActions } from "./recovery-actions";
import { RelativeTime } from "./relative-time";
import { RunAttempts } from "./run-attempts";
import { RunDuration } from "./run-duration";
import { shortRunId } from "./run-status";
import { TriggerKind } from "./trigger-kind";

export function BackToRuns() {
  return (
    <Button variant="ghost" size="sm" asChild className="-ml-3 text-muted-foreground">
      <Link href="/runs">
        <ArrowLeft />
        Back to runs
      </Link>
    </Button>
  );
}

/** Which workflow ran, how it went, and when. */
export function RunHeader({ run }: { run: RunDetail }) {
  const editorHref = `/workflows/${run.workflowId}`;
  const started = run.startedAt ?? run.createdAt;
  return (
    <header className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <p className="text-sm text-muted-foreground">Run of</p>
          <div className="flex min-w-0 items-center gap-3">
            <h1 className="truncate text-2xl font-semibold tracking-tight">
              <Link href={editorHref} className="rounded-sm underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
                {run.workflowName}
              </Link>
            </h1>
            <StatusBadge status={run.status} />
          </div>
        </div>
        <div className="flex shrink-0 flex-wrap items-center justify-end gap-2">
          <RecoveryActions run={run} />
          <Button variant="outline" asChild>
            <Link href={`/runs/${run.id}/canvas`}>
              <Network />
              Open on canvas
            </Link>
          </Button>
          <Button variant="ghost" size="icon" asChild>
            <Link href={editorHref} aria-label="Open the workflow in the editor" title="Open the workflow in the editor">
              <ExternalLink />
            </Link>
          </Button>
        </div>
      </div>
      <dl className="flex flex-wrap gap-x-9 gap-y-4 rounded-xl border bg-card px-5 py-4 text-sm shadow-sm">
        <Fact label="Run ID">
          <span className="flex items-center gap-1">
            <span className="font-mono text-xs">{run.id}</span>
            <CopyButton text={run.id} label="Copy run ID" className="-my-1" />
          </span>
        </Fact>
        <Fact label="Trigger">
          <TriggerKind kind={run.triggerKind} />
        </Fact>
        <Fact label="Started">
          <span className="block">{formatDateTime(started)}</span>
          <RelativeTime iso={started} className="text-xs text-muted-foreground" />
        </Fact>
        <Fact label="Duration">
          <RunDuration run={run} />
        </Fact>
        <Fact label="Attempts">
          <RunAttempts attempts={run.attempts} />
        </Fact>
        {run.modelUsage && (
          <Fact label="AI usage">
            <span className="tabular-nums" title={`${run.modelUsage.calls} model ${run.modelUsage.calls === 1 ? "call" : "calls"}: ${run.modelUsage.inputTokens.toLocaleString()} input and ${run.modelUsage.outputTokens.toLocaleString()} output tokens`}>
              {formatModelUsage(run.modelUsage)}
            </span>
          </Fact>
        )}
        <Fact label="Workflow version">v{run.workflowVersion}</Fact>
        {run.usesPinnedData && (
          <Fact label="Trial run">
            <span title="Nodes with pinned data output it instead of calling anything">Pinned sample data</span>
          </Fact>
        )}
        {run.replayOf && (
          <Fact label={run.replayFromNode ? "Replay of" : "Rerun of"}>
            <span className="flex items-center gap-1.5">
              <Recycle className="size-3.5 text-muted-foreground" aria-hidden />
              <Link href={`/runs/${run.replayOf}`} className="rounded-sm font-mono text-xs underline underline-offset-4 hover:text-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
                {shortRunId(run.replayOf)}
              </Link>
              {run.replayFromNode && (
                <span className="text-xs text-muted-foreground">
                  from <span className="font-mono">{run.replayFromNode}</span>
                </span>
              )}
            </span>
          </Fact>
        )}
      </dl>
    </header>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0 space-y-1 whitespace-nowrap">
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}
