"use client";

import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { RunDetail } from "@/lib/client/types";
import { isLiveRun } from "./run-status";
import { StepRow } from "./step-row";
import { formatRunDuration } from "@/lib/client/format";
import { orderSteps, runTimeline, timelineTicks } from "./step-timing";
import { useNow } from "./use-now";

interface StepListProps {
  run: RunDetail;
  openSteps: ReadonlySet<string>;
  onToggleStep: (nodeId: string, open: boolean) => void;
}

export function StepList({ run, openSteps, onToggleStep }: StepListProps) {
  const live = isLiveRun(run.status);
  const now = useNow(1000, live);
  const timeline = runTimeline(run, now);
  const steps = orderSteps(run.steps);

  return (
    <Card className="overflow-hidden">
      <CardHeader className="border-b pb-4">
        <CardTitle className="text-base">Steps</CardTitle>
        <CardDescription>In the order they ran, each attempt, sleep and wait a bar on the run's timeline. Open a step for its attempts, input, output and error.</CardDescription>
      </CardHeader>
      {steps.length > 0 && (
        <div aria-hidden className="grid grid-cols-[1rem_minmax(0,1fr)_auto_15rem_4.5rem] gap-4 border-b bg-muted/30 px-4 py-1.5 text-[11px] text-muted-foreground">
          <span className="col-span-3" />
          <span className="relative h-4">
            {timelineTicks(timeline).map((tick, i) => (
              <span key={tick.at} className="absolute top-0 tabular-nums" style={i === 0 ? { left: 0 } : i === 2 ? { right: 0 } : { left: "50%", transform: "translateX(-50%)" }}>
                {i === 0 ? "0s" : `+${formatRunDuration(tick.offsetMs)}`}
              </span>
            ))}
          </span>
          <span className="text-right">Duration</span>
        </div>
      )}
      {steps.length ? (
        <ol aria-label="Steps" className="divide-y">
          {steps.map((step) => (
            <StepRow
              key={step.nodeId}
              step={step}
              timeline={timeline}
              now={now}
              open={openSteps.has(step.nodeId)}
              onOpenChange={(open) => onToggleStep(step.nodeId, open)}
            />
          ))}
        </ol>
      ) : (
        <p className="px-5 py-8 text-center text-sm text-muted-foreground">{live ? "Waiting for the first step to start…" : "No steps ran."}</p>
      )}
    </Card>
  );
}
