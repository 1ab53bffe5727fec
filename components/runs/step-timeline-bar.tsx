"use client";

import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { formatRunDuration } from "@/lib/client/format";
import type { StepAttempt, StepDetail, StepStatus } from "@/lib/client/types";
import { cn } from "@/lib/utils";
import { attemptLabel, attemptSpan, type RunTimeline } from "./step-timing";

const BAR_COLORS: Partial<Record<StepStatus, string>> = {
  completed: "bg-success",
  failed: "bg-destructive",
  running: "bg-primary animate-pulse",
  retrying: "bg-warning animate-pulse",
  sleeping: "bg-muted-foreground/50",
  waiting: "bg-muted-foreground/50",
  cancelled: "bg-muted-foreground/50",
};

/** How each kind of entry is drawn: attempts solid, sleeps and waits hatched, reused results as an outline. */
function barClass(entry: StepAttempt): string {
  if (entry.kind === "reused" || entry.kind === "pinned") return "border border-success bg-success/15";
  if (entry.kind === "sleep" || entry.kind === "wait") {
    const tone = entry.status === "completed" ? "text-muted-foreground/70" : entry.status === "failed" ? "text-destructive" : "text-primary/70";
    return cn("bg-[repeating-linear-gradient(135deg,currentColor_0_3px,transparent_3px_6px)] border border-current", tone);
  }
  return BAR_COLORS[entry.status] ?? "bg-muted-foreground/50";
}

/**
 * Where a step sat in the run's time: each attempt, sleep and wait is its own bar on a track that
 * spans the whole run, so retries and their backoff gaps are visible. Hover a bar for its details.
 */
export function StepTimelineBar({ step, timeline, now }: { step: StepDetail; timeline: RunTimeline; now: number }) {
  const entries = step.timeline ?? [];
  return (
    <span className="relative block h-3 w-full rounded-full bg-muted" data-testid="step-timeline">
      {entries.map((entry) => {
        const span = attemptSpan(entry, timeline, now);
        const end = entry.endedAt ? Date.parse(entry.endedAt) : now;
        const duration = Math.max(0, end - Date.parse(entry.startedAt));
        return (
          <Tooltip key={`${entry.kind}-${entry.attempt}`}>
            <TooltipTrigger asChild>
              <span
                role="img"
                aria-label={`${attemptLabel(entry)}: ${entry.status}`}
                data-kind={entry.kind}
                data-status={entry.status}
                className={cn("absolute inset-y-0 min-w-1.5 rounded-full", barClass(entry))}
                style={{ left: `${Math.min(span.left, 99)}%`, width: `${span.width}%` }}
              />
            </TooltipTrigger>
            <TooltipContent side="top" className="space-y-0.5">
              <p className="font-medium">
                {attemptLabel(entry)} · {entry.status}
              </p>
              <p className="opacity-80">{entry.kind === "reused" ? "Result taken over from the replayed run" : entry.kind === "pinned" ? "The node's pinned data, output without running it (trial run)" : `${entry.endedAt ? "" : "so far "}${formatRunDuration(duration)}`}</p>
              {entry.error && <p className="wrap-anywhere">{entry.error.message}</p>}
            </TooltipContent>
          </Tooltip>
        );
      })}
    </span>
  );
}
