import { engineEventName } from "@/lib/events/engine-name";
import type { EventWait, NodeResult } from "@/lib/nodes/types";
import { recordStepCompleted } from "@/lib/runs/history";
import { RunTimeoutError } from "./errors";
import { executeNodeAttempt, scheduleSleep, scheduleWait, type NodeAttempt, type ReusedStep } from "./node-step";
import { rateLimitWait } from "./rate-limit-wait";
import { startsWithResultsHeld, type WorkflowStepTools } from "./step-tools";
import { awaitChildRun } from "./sub-workflow";
import { executeAgent } from "./agent";

/** Runs one node as Inngest steps: one `step.run`, or a schedule step, a sleep or wait, and a completion step, or an agent's turns and tool calls. */
export async function executeNode(step: WorkflowStepTools, attempt: NodeAttempt, deadline: number | undefined): Promise<NodeResult> {
  const { node, definition, runId } = attempt;
  if (definition.kind === "step") {
    await rateLimitWait(step, attempt.workspaceId, node);
    const work = () => executeNodeAttempt(attempt);
    const result = (await step.run(`node:${node.id}`, definition.pure ? startsWithResultsHeld(work) : work)) as NodeResult;
    return result.awaitRun ? awaitChildRun(step, runId, node, result.awaitRun, deadline) : result;
  }

  if (definition.kind === "agent") return executeAgent(step, attempt);

  if (definition.kind === "sleep") {
    const scheduled = (await step.run(`node:${node.id}`, () => scheduleSleep(attempt))) as { wakeAt: string } | ReusedStep;
    if ("reused" in scheduled) return scheduled.reused;
    const { wakeAt } = scheduled;
    const timedOut = deadline !== undefined && deadline < Date.parse(wakeAt);
    await step.sleepUntil(`node:${node.id}:sleep`, timedOut ? new Date(deadline) : wakeAt);
    if (timedOut) throw new RunTimeoutError();
    const output = { sleptUntil: wakeAt };
    await step.run(`node:${node.id}:done`, () => recordStepCompleted(runId, node.id, output));
    return { output };
  }

  const scheduledWait = (await step.run(`node:${node.id}`, () => scheduleWait(attempt))) as EventWait | ReusedStep;
  if ("reused" in scheduledWait) return scheduledWait.reused;
  const wait = scheduledWait;
  const timedOut = deadline !== undefined && deadline < Date.parse(wait.timeout);
  const event = (await step.waitForEvent(`node:${node.id}:wait`, {
    event: engineEventName(attempt.workspaceId, wait.event),
    // The SDK reads a string timeout as a duration; an absolute time must be a Date.
    timeout: timedOut ? new Date(deadline) : new Date(wait.timeout),
    ...(wait.if ? { if: wait.if } : {}),
  })) as { data?: unknown } | null;
  if (!event && timedOut) throw new RunTimeoutError();
  const result: NodeResult = event ? { output: event.data ?? null, branch: "main" } : { output: null, branch: "timeout" };
  await step.run(`node:${node.id}:done`, () => recordStepCompleted(runId, node.id, result.output, result.branch));
  return result;
}
