import { NonRetriableError } from "inngest";
import { RUN_SLOT_RELEASED } from "@/inngest/events";
import { engineEventName } from "@/lib/events/engine-name";
import { serializeError } from "@/lib/json";
import { getNodeDefinition } from "@/lib/nodes";
import type { EventWait, NodeDefinition, NodeResult } from "@/lib/nodes/types";
import { startRunIfSlotFree, type StartState } from "@/lib/runs/concurrency";
import { recordStepCompleted } from "@/lib/runs/history";
import type { ExpressionScope } from "@/lib/workflow/expressions";
import { FALLBACK_OUTPUT, hasCircuitFallback, nodeOutputs } from "@/lib/workflow/outputs";
import type { WorkflowEdge, WorkflowNode } from "@/lib/workflow/schema";
import { isRunTimeout, RunTimeoutError } from "./errors";
import { executeNodeAttempt, scheduleSleep, scheduleWait, type NodeAttempt, type ReusedStep } from "./node-step";
import { loadRunContext } from "./run-context";
import { completeRun, failRun } from "./run-lifecycle";
import { rateLimitWait } from "./rate-limit-wait";
import { awaitChildRun, notifyParentRun } from "./sub-workflow";

/** The part of Inngest's step tools the workflow walker uses. */
export interface WorkflowStepTools {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sleepUntil(id: string, time: Date | string): Promise<unknown>;
  waitForEvent(id: string, opts: { event: string; timeout: string | Date; if?: string; match?: string }): Promise<unknown>;
}

type Outcome = { status: "completed"; output: unknown; branches: string[] } | { status: "skipped" };

/** How long a queued run waits for a "slot released" event before it looks again by itself. */
const QUEUE_RECHECK = "10s";

/**
 * Walks a workflow graph inside an Inngest function. Each node waits for all of its parents;
 * it runs when at least one parent completed and chose the edge's output, and is skipped
 * otherwise. Nodes whose parents are done are awaited together, so independent branches are
 * parallel steps. Step ids are `node:<id>`; the run's bookkeeping steps are `run:<what>`.
 */
export async function executeWorkflowRun({ runId, step: rawStep, attempt }: { runId: string; step: unknown; attempt: number }) {
  const step = rawStep as WorkflowStepTools;
  const context = await loadRunContext(runId);
  if (!context) throw new NonRetriableError(`Run ${runId} or its workflow version no longer exists`);
  const { document } = context;
  const settings = document.settings ?? {};

  // A workflow with a concurrency limit keeps the run queued until a slot is free.
  let start = (await step.run("run:start", () => startRunIfSlotFree(runId, settings.concurrency, settings.timeoutMs))) as StartState;
  for (let i = 1; start.state === "queued"; i++) {
    await step.waitForEvent(`run:queued:${i}`, { event: RUN_SLOT_RELEASED, match: "data.workflowId", timeout: QUEUE_RECHECK });
    start = (await step.run(`run:start:${i}`, () => startRunIfSlotFree(runId, settings.concurrency, settings.timeoutMs))) as StartState;
  }
  if (start.state === "ended") return null; // cancelled (or deleted) before it started
  const deadline = start.deadline ? Date.parse(start.deadline) : undefined;

  const nodes = new Map(document.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, WorkflowEdge[]>();
  for (const edge of document.edges) incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
  const stepsScope: Record<string, unknown> = {};
  const runScope = { id: runId, workflowId: context.workflowId, attempt };
  const outcomes = new Map<string, Promise<Outcome>>();

  const visit = (node: WorkflowNode): Promise<Outcome> => {
    let outcome = outcomes.get(node.id);
    if (!outcome) {
      outcome = settleParents(node).then((parents) => (parents ? runNode(node, parents) : { status: "skipped" as const }));
      outcomes.set(node.id, outcome);
    }
    return outcome;
  };

  /** The outputs of completed parents whose chosen output leads here, or null when the node is not on the taken path. */
  const settleParents = async (node: WorkflowNode): Promise<Map<string, unknown> | null> => {
    if (getNodeDefinition(node.type)?.category === "trigger") return new Map();
    const edges = incoming.get(node.id) ?? [];
    const settled = await Promise.all(edges.map(async (edge) => ({ edge, outcome: await visit(nodes.get(edge.source)!) })));
    const active = new Map<string, unknown>();
    for (const { edge, outcome } of settled) {
      const handle = edge.sourceHandle ?? nodeOutputs(nodes.get(edge.source)!)[0]?.id;
      if (outcome.status === "completed" && outcome.branches.includes(handle)) active.set(edge.source, outcome.output);
    }
    return active.size ? active : null;
  };

  const runNode = async (node: WorkflowNode, parents: Map<string, unknown>): Promise<Outcome> => {
    const definition = getNodeDefinition(node.type) as NodeDefinition;
    const scope: ExpressionScope = {
      trigger: context.trigger,
      steps: stepsScope,
      run: runScope,
      input: parents.size === 1 ? [...parents.values()][0] : Object.fromEntries(parents),
    };
    const nodeAttempt: NodeAttempt = { runId, workspaceId: context.workspaceId, node, definition, scope, parents: Object.fromEntries(parents), attempt, deadline };
    let result: NodeResult;
    try {
      result = await executeNode(step, nodeAttempt, deadline);
    } catch (error) {
      // An open circuit breaker: follow the node's fallback output when the workflow connects it.
      if (isCircuitOpen(error) && hasCircuitFallback(node) && document.edges.some((e) => e.source === node.id && e.sourceHandle === FALLBACK_OUTPUT.id)) {
        const output = { error: { name: "CircuitOpenError", message: originalMessage(error) } };
        stepsScope[node.id] = output;
        return { status: "completed", output, branches: [FALLBACK_OUTPUT.id] };
      }
      const mode = node.settings?.onError ?? "fail";
      if (mode === "fail" || isRunTimeout(error)) throw error;
      result = { output: { error: { name: errorName(error), message: (error as Error).message } }, branch: mode === "branch" ? "error" : undefined };
    }
    stepsScope[node.id] = result.output;
    const branches = result.branch === undefined ? [nodeOutputs(node)[0]?.id] : [result.branch].flat();
    return { status: "completed", output: result.output, branches };
  };

  try {
    await Promise.all(document.nodes.map(visit));
  } catch (error) {
    const failure = serializeError(error, { nodeId: failedNodeId(error) });
    if (isRunTimeout(error)) failure.message = `The run exceeded its time limit of ${settings.timeoutMs} ms`;
    await step.run("run:fail", async () => {
      await failRun(context, failure);
      await notifyParentRun(runId);
    });
    throw new NonRetriableError(failure.message);
  }

  const settled = await Promise.all(document.nodes.map(async (n) => ({ node: n, outcome: await visit(n) })));
  const hasChildren = new Set(document.edges.map((e) => e.source));
  const output = Object.fromEntries(
    settled.filter(({ node, outcome }) => outcome.status === "completed" && !hasChildren.has(node.id)).map(({ node }) => [node.id, stepsScope[node.id]]),
  );
  const skipped = settled.filter(({ outcome }) => outcome.status === "skipped").map(({ node }) => ({ id: node.id, type: node.type }));
  await step.run("run:complete", async () => {
    await completeRun(context, output, skipped);
    await notifyParentRun(runId);
  });
  return output;
}

/** Runs one node as Inngest steps: one `step.run`, or a schedule step, a sleep or wait, and a completion step. */
async function executeNode(step: WorkflowStepTools, attempt: NodeAttempt, deadline: number | undefined): Promise<NodeResult> {
  const { node, definition, runId } = attempt;
  if (definition.kind === "step") {
    await rateLimitWait(step, attempt.workspaceId, node);
    const result = (await step.run(`node:${node.id}`, () => executeNodeAttempt(attempt))) as NodeResult;
    return result.awaitRun ? awaitChildRun(step, runId, node, result.awaitRun, deadline) : result;
  }

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

/** Inngest's StepError names the failed step (`node:<id>`); recover the node id from it. */
function failedNodeId(error: unknown): string | undefined {
  const stepId = (error as { stepId?: string }).stepId;
  return stepId?.match(/^node:([^:]+)/)?.[1];
}

function isCircuitOpen(error: unknown): boolean {
  for (let e = error as { name?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.name === "CircuitOpenError" || /^Circuit breaker for .* is open/.test((e as { message?: string }).message ?? "")) return true;
  }
  return false;
}

function originalMessage(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause;
  return cause?.message ?? (error as Error).message;
}

/** The original error's name: Inngest wraps final step failures in NonRetriableError. */
function errorName(error: unknown): string {
  const cause = (error as { cause?: { name?: string } }).cause;
  return cause?.name ?? (error as Error).name ?? "Error";
}
