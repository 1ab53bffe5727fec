"use client";

import { CircleX } from "lucide-react";
import { useCan } from "@/lib/client/access";
import type { RunDetail } from "@/lib/client/types";
import { isTruncated } from "@/lib/runs/truncated";
import { errorMessage } from "./error-message";
import { ExplainFailureButton } from "./explain-failure-button";

/** Why a failed run failed, with a jump to the step that failed. */
export function RunErrorCallout({ runId, workflowId, error, onShowStep }: { runId: string; workflowId: string; error: NonNullable<RunDetail["error"]>; onShowStep: (nodeId: string) => void }) {
  const nodeId = isTruncated(error) ? undefined : error.nodeId;
  const canExplain = useCan("editor");
  return (
    <div role="alert" className="flex gap-3 rounded-xl border border-destructive/40 bg-destructive/10 p-4">
      <CircleX className="mt-0.5 size-5 shrink-0 text-destructive" aria-hidden />
      <div className="min-w-0 flex-1 space-y-1.5">
        <p className="font-semibold text-destructive">
          Run failed
          {nodeId && (
            <>
              {" at step "}
              <a
                href={`#step-${nodeId}`}
                onClick={(event) => {
                  event.preventDefault();
                  onShowStep(nodeId);
                }}
                className="rounded-sm font-mono underline underline-offset-4 hover:text-destructive/80 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                {nodeId}
              </a>
            </>
          )}
        </p>
        <p className="font-mono text-sm wrap-anywhere text-foreground">{errorMessage(error)}</p>
      </div>
      {canExplain && nodeId && (
        <div className="shrink-0">
          <ExplainFailureButton runId={runId} workflowId={workflowId} />
        </div>
      )}
    </div>
  );
}
