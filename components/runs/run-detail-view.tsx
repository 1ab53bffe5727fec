"use client";

import { TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { describeError } from "@/lib/client/api";
import type { RunDetail } from "@/lib/client/types";
import { JsonSection } from "./json-section";
import { isNotFound, useRun } from "./queries";
import { RunActivity } from "./run-activity";
import { RunLoopChunks } from "./run-loop-chunks";
import { RunDetailSkeleton } from "./run-detail-skeleton";
import { RunErrorCallout } from "./run-error-callout";
import { RunNotFound } from "./run-not-found";
import { BackToRuns, RunHeader } from "./run-header";
import { isLiveRun } from "./run-status";
import { StepList } from "./step-list";
import { stepElementId } from "./step-row";

/** Everything about one run, polled while it is still going. */
export function RunDetailView({ runId }: { runId: string }) {
  const query = useRun(runId);
  const [openSteps, setOpenSteps] = useState<ReadonlySet<string>>(new Set());

  const toggleStep = (nodeId: string, open: boolean) =>
    setOpenSteps((current) => {
      const next = new Set(current);
      if (open) next.add(nodeId);
      else next.delete(nodeId);
      return next;
    });

  const showStep = (nodeId: string) => {
    toggleStep(nodeId, true);
    const element = document.getElementById(stepElementId(nodeId));
    element?.scrollIntoView({ behavior: "smooth", block: "start" });
    element?.querySelector("button")?.focus({ preventScroll: true });
  };

  return (
    <div className="space-y-6">
      <BackToRuns />
      {query.isPending ? (
        <RunDetailSkeleton />
      ) : query.isError ? (
        isNotFound(query.error) ? (
          <RunNotFound />
        ) : (
          <EmptyState
            icon={TriangleAlert}
            title="Could not load this run"
            description={describeError(query.error)}
            action={
              <Button variant="outline" onClick={() => query.refetch()}>
                Try again
              </Button>
            }
          />
        )
      ) : (
        <>
          <RunHeader run={query.data} />
          <RunLoopChunks run={query.data} />
          {query.data.status === "failed" && query.data.error && <RunErrorCallout runId={query.data.id} workflowId={query.data.workflowId} error={query.data.error} onShowStep={showStep} />}
          <StepList run={query.data} openSteps={openSteps} onToggleStep={toggleStep} />
          <RunActivity run={query.data} />
          <RunData run={query.data} />
        </>
      )}
    </div>
  );
}

function RunData({ run }: { run: RunDetail }) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-2">
      <JsonSection title="Trigger payload" description={
          <>
            What the run started with; <code className="font-mono text-xs">trigger</code> in expressions.
          </>
        } value={run.trigger} emptyLabel="The run started without a payload" />
      <JsonSection
        title="Run output"
        description="The outputs of the steps the run ended on."
        value={run.output}
        emptyLabel={isLiveRun(run.status) ? "Available when the run completes" : run.status === "completed" ? "No output" : `No output: the run ${run.status}`}
      />
    </div>
  );
}
