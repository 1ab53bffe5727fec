import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { db } from "@/lib/db/client";
import type { NodeResult } from "@/lib/nodes/types";
import { recordStepCompleted, recordStepFailed } from "@/lib/runs/history";
import type { WorkflowNode } from "@/lib/document/schema";
import { notifyLoopParent } from "./loop-chunks";
import type { WorkflowStepTools } from "./step-tools";

/** Sent when a run started by action.sub-workflow ends; its parent waits for it. */
export const SUBWORKFLOW_FINISHED = "switchboard/subworkflow.finished";

/** How long a parent waits for the event before it looks at the child run itself (doubles per round, capped). */
export function recheckDelayMs(round: number): number {
  return Math.min(1000 * 2 ** Math.min(round, 20), 5 * 60_000);
}

/** Called when a run ends: a child run (of action.sub-workflow, or a loop chunk) tells its parent. */
export async function notifyParentRun(runId: string, triggerKind: string): Promise<void> {
  if (triggerKind === "loop") return notifyLoopParent(runId);
  if (triggerKind !== "subworkflow") return;
  const run = await db().run.findUnique({ where: { id: runId }, select: { status: true } });
  if (run) await inngest.send({ name: SUBWORKFLOW_FINISHED, data: { runId, status: run.status } });
}

interface ChildState {
  status: string;
  ended: boolean;
  timedOut: boolean;
  output?: unknown;
  error?: { message?: string } | null;
  checkedAt: number;
}

async function childState(runId: string, timeoutAt: number): Promise<ChildState> {
  const run = await db().run.findUnique({ where: { id: runId }, select: { status: true, output: true, error: true } });
  const now = Date.now();
  if (!run) return { status: "missing", ended: true, timedOut: false, error: { message: "the run was deleted" }, checkedAt: now };
  const ended = ["completed", "failed", "cancelled"].includes(run.status);
  return { status: run.status, ended, timedOut: !ended && now >= timeoutAt, output: run.output, error: run.error as ChildState["error"], checkedAt: now };
}

/**
 * The second half of action.sub-workflow: waits durably for the child run to end (an event from
 * the child, with a periodic look at its state, so a child that ended before the wait started or
 * was cancelled is noticed too), then records the node's result: the child's output, or a failure.
 */
export async function awaitChildRun(
  step: WorkflowStepTools,
  parentRunId: string,
  node: WorkflowNode,
  awaitRun: { runId: string; timeoutAt: string },
  deadline: number | undefined,
): Promise<NodeResult> {
  const childId = awaitRun.runId;
  const timeoutAt = Math.min(Date.parse(awaitRun.timeoutAt), deadline ?? Infinity);
  // Run history shows the node as waiting for the child (its input stays as recorded).
  await step.run(`node:${node.id}:waiting`, () =>
    db()
      .stepRun.updateMany({ where: { runId: parentRunId, nodeId: node.id }, data: { status: "waiting", output: { runId: childId }, endedAt: null } })
      .then(() => null),
  );
  for (let round = 0; ; round++) {
    const state = (await step.run(`node:${node.id}:child:${round}`, () => childState(childId, timeoutAt))) as ChildState;
    if (state.ended || state.timedOut) {
      return (await step.run(`node:${node.id}:done`, () => finish(parentRunId, node, childId, state))) as NodeResult;
    }
    const recheck = recheckDelayMs(round);
    await step.waitForEvent(`node:${node.id}:wait:${round}`, {
      event: SUBWORKFLOW_FINISHED,
      if: `async.data.runId == ${JSON.stringify(childId)}`,
      timeout: new Date(Math.min(state.checkedAt + recheck, timeoutAt)),
    });
  }
}

async function finish(parentRunId: string, node: WorkflowNode, childId: string, state: ChildState): Promise<NodeResult> {
  if (state.status === "completed") {
    const output = state.output ?? null;
    await recordStepCompleted(parentRunId, node.id, output);
    return { output };
  }
  const message = state.timedOut
    ? `Workflow run ${childId} did not finish in time`
    : `Workflow run ${childId} ${state.status === "missing" ? "no longer exists" : state.status}${state.error?.message ? `: ${state.error.message}` : ""}`;
  await recordStepFailed(parentRunId, node, 1, { name: "SubWorkflowError", message, childRunId: childId }, true);
  throw new NonRetriableError(message);
}
