"use client";

import { ChevronRight, CircleX, Recycle, RotateCcw, TriangleAlert } from "lucide-react";
import { Collapsible } from "radix-ui";
import { StatusBadge } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { formatRunDuration } from "@/lib/client/format";
import type { StepDetail } from "@/lib/client/types";
import { cn } from "@/lib/utils";
import { Elapsed } from "./elapsed";
import { isLiveStep } from "./run-status";
import { StepDetails } from "./step-details";
import { errorMessage } from "./error-message";
import { StepNode } from "./step-node";
import { stepDurationMs, type RunTimeline } from "./step-timing";
import { StepTimelineBar } from "./step-timeline-bar";

interface StepRowProps {
  step: StepDetail;
  timeline: RunTimeline;
  now: number;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function stepElementId(nodeId: string): string {
  return `step-${nodeId}`;
}

/** One step: a summary line that discloses the step's input, output and error. */
export function StepRow({ step, timeline, now, open, onOpenChange }: StepRowProps) {
  const error = step.status === "failed" || step.status === "retrying" ? step.error : null;
  const ErrorIcon = step.status === "failed" ? CircleX : TriangleAlert;
  return (
    <Collapsible.Root open={open} onOpenChange={onOpenChange} asChild>
      <li id={stepElementId(step.nodeId)} className="scroll-mt-6" data-status={step.status}>
        <Collapsible.Trigger asChild>
          <button
            type="button"
            className="grid w-full grid-cols-[1rem_minmax(0,1fr)_auto_15rem_4.5rem] items-center gap-4 px-4 py-3 text-left transition-colors hover:bg-muted/50 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none focus-visible:ring-inset"
          >
            <ChevronRight className={cn("size-4 text-muted-foreground transition-transform", open && "rotate-90")} aria-hidden />
            <StepNode nodeId={step.nodeId} nodeType={step.nodeType} nodeName={step.nodeName} />
            <span className="flex items-center justify-end gap-2">
              {step.branch && (
                <Badge variant="outline" className="font-mono" title={`Followed the “${step.branch}” output`}>
                  → {step.branch}
                </Badge>
              )}
              {step.reused && (
                <Badge variant="outline" title="Not executed again: the replay took this step's result from the original run">
                  <Recycle aria-hidden />
                  Reused
                </Badge>
              )}
              {step.attempts > 1 && (
                <Badge variant="warning" title="The step was retried">
                  <RotateCcw aria-hidden />
                  {step.attempts} attempts
                </Badge>
              )}
              <StatusBadge status={step.status} />
            </span>
            <StepTimelineBar step={step} timeline={timeline} now={now} />
            <span className="text-right text-xs text-muted-foreground">
              <StepDuration step={step} />
            </span>
          </button>
        </Collapsible.Trigger>
        {error && (
          <p className={cn("flex gap-2 px-4 pb-3 pl-[4.5rem] text-sm", step.status === "failed" ? "text-destructive" : "text-amber-700 dark:text-warning")}>
            <ErrorIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span className="min-w-0 wrap-anywhere">
              {step.status === "retrying" && <span className="font-medium">Attempt {step.attempts} failed, retrying: </span>}
              {errorMessage(error)}
            </span>
          </p>
        )}
        <Collapsible.Content>
          <StepDetails step={step} timeline={timeline} />
        </Collapsible.Content>
      </li>
    </Collapsible.Root>
  );
}

function StepDuration({ step }: { step: StepDetail }) {
  if (isLiveStep(step.status)) return <Elapsed since={step.startedAt} />;
  const duration = stepDurationMs(step);
  return <span className="tabular-nums">{duration === null ? "—" : formatRunDuration(duration)}</span>;
}
