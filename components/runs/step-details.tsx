import { useId } from "react";
import { StatusBadge } from "@/components/status-badge";
import { formatRunDuration } from "@/lib/client/format";
import type { StepAttempt, StepDetail } from "@/lib/client/types";
import { JsonView } from "./json-view";
import { isLiveStep } from "./run-status";
import { attemptLabel, type RunTimeline } from "./step-timing";

/** What a step was given and what it produced: its resolved config, output and error. */
export function StepDetails({ step, timeline }: { step: StepDetail; timeline: RunTimeline }) {
  if (step.status === "skipped" && !step.skipReason) {
    return <p className="border-t bg-muted/20 px-4 py-4 pl-[4.5rem] text-sm text-muted-foreground">This step did not run: the branch leading to it was not taken.</p>;
  }
  if (step.status === "skipped") {
    return (
      <div className="grid gap-4 border-t bg-muted/20 px-4 py-4 pl-[4.5rem]">
        <p className="text-sm text-muted-foreground">{step.skipReason}.</p>
        <DataBlock title="Output (its input, passed through)">
          <JsonView value={step.output} copyLabel={`Copy ${step.nodeId} output`} downloadName={`${step.nodeId}-output`} />
        </DataBlock>
      </div>
    );
  }
  return (
    <div className="grid gap-4 border-t bg-muted/20 px-4 py-4 pl-[4.5rem] lg:grid-cols-2">
      {step.timeline?.length > 0 && (
        <DataBlock title="Attempts" hint={step.reused ? "Taken over from the replayed run, not executed again" : undefined} className="lg:col-span-2">
          <AttemptList entries={step.timeline} timeline={timeline} />
        </DataBlock>
      )}
      <StepData step={step} />
    </div>
  );
}

/** A step's input, output and error as collapsible JSON (the run page and the canvas view share it). */
export function StepData({ step, stacked = false }: { step: StepDetail; stacked?: boolean }) {
  return (
    <>
      <DataBlock title="Input" hint="Config after expressions were resolved">
        <JsonView value={step.input} emptyLabel="No input recorded: the step failed before its config was resolved" copyLabel={`Copy ${step.nodeId} input`} downloadName={`${step.nodeId}-input`} />
      </DataBlock>
      <DataBlock title="Output">
        <JsonView value={step.output} emptyLabel={emptyOutputLabel(step)} copyLabel={`Copy ${step.nodeId} output`} downloadName={`${step.nodeId}-output`} />
      </DataBlock>
      {step.error && (
        <DataBlock title="Error" className={stacked ? undefined : "lg:col-span-2"}>
          <JsonView value={step.error} copyLabel={`Copy ${step.nodeId} error`} downloadName={`${step.nodeId}-error`} />
        </DataBlock>
      )}
    </>
  );
}

/** Every attempt, sleep and wait of a step: when it started (from the run's start), how long it took, how it ended, and why it failed. */
function AttemptList({ entries, timeline }: { entries: StepAttempt[]; timeline: RunTimeline }) {
  return (
    <ol className="divide-y overflow-hidden rounded-lg border bg-card text-xs">
      {entries.map((entry) => {
        const start = Date.parse(entry.startedAt);
        const duration = entry.endedAt ? Date.parse(entry.endedAt) - start : null;
        return (
          <li key={`${entry.kind}-${entry.attempt}`} className="grid grid-cols-[8rem_5rem_5rem_auto_minmax(0,1fr)] items-center gap-3 px-3 py-2" data-kind={entry.kind} data-status={entry.status}>
            <span className="font-medium">{attemptLabel(entry)}</span>
            <span className="text-muted-foreground tabular-nums" title={new Date(start).toLocaleString()}>
              +{formatRunDuration(Math.max(0, start - timeline.start))}
            </span>
            <span className="tabular-nums">{entry.kind === "reused" || entry.kind === "pinned" ? "—" : duration === null ? "…" : formatRunDuration(duration)}</span>
            <StatusBadge status={entry.status} />
            <span className={entry.error ? "font-mono wrap-anywhere text-destructive" : "text-muted-foreground"}>{entry.error?.message ?? ""}</span>
          </li>
        );
      })}
    </ol>
  );
}

function emptyOutputLabel(step: StepDetail): string {
  if (isLiveStep(step.status)) return "Not finished yet";
  if (step.status === "failed") return "No output: the step failed";
  if (step.status === "cancelled") return "No output: the run was cancelled";
  return "No output";
}

function DataBlock({ title, hint, className, children }: { title: string; hint?: string; className?: string; children: React.ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={className}>
      <h4 className="mb-1.5 flex items-baseline gap-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        <span id={headingId}>{title}</span>
        {hint && <span className="font-normal tracking-normal normal-case">{hint}</span>}
      </h4>
      {children}
    </section>
  );
}
