import { executeWorkflowRun } from "@/lib/execution/run-workflow";
import { serializeError } from "@/lib/json";
import { markRunFailed } from "@/lib/runs/history";
import { inngest } from "../client";
import { RUN_CANCELLED, RUN_REQUESTED, type RunRequestedData } from "../events";

/**
 * Runs one workflow run. Every node is its own step; retries are per node (see
 * lib/execution/node-step.ts), so the function allows Inngest's maximum and each node's policy
 * decides when to stop.
 */
export const runWorkflow = inngest.createFunction(
  {
    id: "run-workflow",
    name: "Run workflow",
    retries: 20,
    triggers: [{ event: RUN_REQUESTED }],
    cancelOn: [{ event: RUN_CANCELLED, match: "data.runId" }],
    // Failures the walker records itself end here as a no-op; this catches the rest (e.g. an
    // error outside any step that used up the function's retries).
    onFailure: async ({ event, error }) => {
      const { runId, workflowId } = (event.data.event.data ?? {}) as Partial<RunRequestedData>;
      if (runId) await markRunFailed({ id: runId, workflowId }, serializeError(error));
    },
  },
  async ({ event, step, attempt }) => executeWorkflowRun({ runId: (event.data as RunRequestedData).runId, step, attempt }),
);
