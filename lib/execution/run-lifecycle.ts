import type { SerializedError } from "@/lib/json";
import { alertRunFailed } from "@/lib/runs/alerts";
import { releaseSlot } from "@/lib/runs/concurrency";
import { markRunCompleted, markRunFailed, type SkippedNode } from "@/lib/runs/history";
import { startRun } from "@/lib/runs/start";
import { db } from "@/lib/db/client";
import type { RunContext } from "./run-context";

/**
 * Whether anything acts on a run's completion as soon as it is written: a concurrency slot to free,
 * or a loop or sub-workflow parent that reads the run's status next.
 */
export function completionIsWaitedOn(context: Pick<RunContext, "triggerKind" | "document">): boolean {
  return Boolean(context.document.settings?.concurrency) || context.triggerKind === "loop" || context.triggerKind === "subworkflow";
}

/**
 * Ends a run as completed and frees its concurrency slot. A run whose completion nothing waits on
 * leaves the write to the embedded engine, which stores it with this step's result, held with the
 * engine's end of the run (lib/db/deferred-writes.ts): the run ends in one commit.
 */
export async function completeRun(context: RunContext, output: unknown, skipped: SkippedNode[]) {
  const completed = await markRunCompleted({ id: context.runId, workflowId: context.workflowId }, output, skipped, { leaveToCheckpoint: !completionIsWaitedOn(context) });
  if (completed && !context.loopChunk) await releaseSlot(context.workflowId, context.document.settings?.concurrency);
}

/**
 * Ends a run as failed, frees its slot, sends the workflow's failure alert (rate limited, see
 * lib/runs/alerts.ts) and starts the workflow's failure workflow (at most once per failed run)
 * with the failure's details as its trigger payload. A loop chunk does neither: its parent fails
 * with its failure and alerts once.
 */
export async function failRun(context: RunContext, failure: SerializedError) {
  if (!(await markRunFailed({ id: context.runId, workflowId: context.workflowId }, failure)) || context.loopChunk) return;
  await releaseSlot(context.workflowId, context.document.settings?.concurrency);
  const run = await db().run.findUnique({ where: { id: context.runId }, select: { createdAt: true, startedAt: true, triggerKind: true } });
  await alertRunFailed(context.document.settings?.alerts, {
    runId: context.runId,
    workspaceId: context.workspaceId,
    workflowId: context.workflowId,
    workflowName: context.document.name,
    triggerKind: run?.triggerKind,
    error: failure,
  }).catch((error) => console.error("[alerts]", error));
  const failureWorkflowId = context.document.settings?.failureWorkflowId;
  if (!failureWorkflowId) return;
  const target = await db().workflow.findFirst({ where: { id: failureWorkflowId, workspaceId: context.workspaceId }, select: { id: true, version: true } });
  if (!target) return;
  await startRun({
    workspaceId: context.workspaceId,
    workflowId: target.id,
    workflowVersion: target.version,
    triggerKind: "failure",
    trigger: {
      failedRun: {
        id: context.runId,
        workflowId: context.workflowId,
        workflowName: context.document.name,
        triggerKind: run?.triggerKind,
        trigger: context.trigger,
        error: failure,
        startedAt: run?.startedAt?.toISOString() ?? null,
        failedAt: new Date().toISOString(),
      },
    },
    idempotencyKey: `failure-of:${context.runId}`,
  });
}
