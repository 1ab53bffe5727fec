import { NonRetriableError } from "inngest";
import { RUN_SLOT_RELEASED } from "@/inngest/events";
import { serializeError } from "@/lib/json";
import { MAIN_OUTPUT, nodeDefinitionOf } from "@/lib/nodes";
import type { NodeDefinition, NodeResult } from "@/lib/nodes/types";
import { startRunIfSlotFree, type StartState, type StartWrites } from "@/lib/runs/concurrency";
import type { ExpressionScope } from "@/lib/document/expressions";
import { FALLBACK_OUTPUT, hasCircuitFallback, nodeOutputs } from "@/lib/document/outputs";
import { agentToolNodeIds } from "@/lib/document/agent-tools";
import { compensationNodeIds } from "@/lib/document/compensation";
import { loopBodies } from "@/lib/document/loops";
import { triggerNodeOf } from "@/lib/document/trigger";
import { referencedSteps } from "@/lib/document/step-references";
import type { WorkflowDocument, WorkflowEdge, WorkflowNode } from "@/lib/document/schema";
import { isRunTimeout } from "./errors";
import { executeNode } from "./execute-node";
import { resolveConfig, type NodeAttempt } from "./node-step";
import { loadRunContext, type RunContext } from "./run-context";
import { completeRun, completionIsWaitedOn, failRun } from "./run-lifecycle";
import { recordStepPinned, stepRunStatuses, triggerStepWrites, type SkippedNode } from "@/lib/runs/history";
import { compensate } from "./compensate";
import { startsWithResultsHeld, storingHeldResultsFirst, type WorkflowStepTools } from "./step-tools";
import { notifyParentRun, recheckDelayMs } from "./sub-workflow";
import { chunkOutcomes, failedChunks, LOOP_CHUNKS_FINISHED, LoopChunkError, pendingChunks, runsInChunks, sendNextChunks, startLoopChunks, type ChunkFailure, type ChunkOutput, type ChunkRef, type IterationOutcome } from "./loop-chunks";

type Outcome =
  | { status: "completed"; output: unknown; branches: string[]; iterations?: Outcome[] }
  | { status: "skipped" };

/**
 * Where nodes run: the run itself, or one iteration of a loop (the nodes after a transform.split,
 * once per item or batch). An iteration keeps its own outcomes and outputs; its nodes' steps and
 * history rows are keyed `<node id>#<iteration>`.
 */
interface Frame {
  outcomes: Map<string, Promise<Outcome>>;
  steps: Record<string, unknown>;
  iteration?: { splitId: string; index: number; count: number; value: unknown; outer: Frame };
}

const DISABLED_REASON = "The node is disabled: its input was passed through unchanged";

/** How long a queued run waits for a "slot released" event before it looks again by itself. */
const QUEUE_RECHECK = "10s";

/**
 * Walks a workflow graph inside an Inngest function. Each node waits for all of its parents;
 * it runs when at least one parent completed and chose the edge's output, and is skipped
 * otherwise. Nodes whose parents are done are awaited together, so independent branches are
 * parallel steps. Step ids are `node:<id>` (`node:<id>#<n>` in a loop's iteration n); the run's
 * bookkeeping steps are `run:<what>`. When the run fails, completed steps are compensated
 * (lib/execution/compensate.ts).
 */
export async function executeWorkflowRun({ runId, step: rawStep, attempt }: { runId: string; step: unknown; attempt: number }) {
  const step = storingHeldResultsFirst(rawStep as WorkflowStepTools);
  const loaded = await loadRunContext(runId);
  if (!loaded) throw new NonRetriableError(`Run ${runId} or its workflow version no longer exists`);
  const { context } = loaded;
  const { document } = context;
  const settings = document.settings ?? {};

  // A workflow with a concurrency limit keeps the run queued until a slot is free; a loop chunk runs in its parent's slot, by its parent's deadline.
  const chunk = context.loopChunk;
  const limits = chunk ? { concurrency: undefined, timeoutMs: undefined } : { concurrency: settings.concurrency, timeoutMs: settings.timeoutMs };
  // Starting is idempotent (a run that is running already answers its stored start and deadline),
  // so without a concurrency limit it needs no step: one checkpoint less per run. With a limit,
  // the queue below waits between steps.
  // The trigger runs no step: its output is the trigger payload, stored with the run already; its
  // run-history row is written with the run's start.
  const runScope = { id: runId, workflowId: context.workflowId, attempt };
  const trigger = chunk ? undefined : await triggerWithoutStep(document, context, runScope);
  const runStart = { runId, workflowId: context.workflowId, limit: limits.concurrency, timeoutMs: limits.timeoutMs, writes: trigger?.writes, known: loaded.known };
  const startNow = () => startRunIfSlotFree(runStart);
  let start = limits.concurrency ? ((await step.run("run:start", startNow)) as StartState) : await startNow();
  for (let i = 1; start.state === "queued"; i++) {
    await step.waitForEvent(`run:queued:${i}`, { event: RUN_SLOT_RELEASED, match: "data.workflowId", timeout: QUEUE_RECHECK });
    start = (await step.run(`run:start:${i}`, startNow)) as StartState;
  }
  if (start.state === "ended") return null; // cancelled (or deleted) before it started
  const deadline = chunk ? chunk.deadline : start.deadline ? Date.parse(start.deadline) : undefined;

  const nodes = new Map(document.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, WorkflowEdge[]>();
  for (const edge of document.edges) incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
  const loopOwner = loopBodies(document).owner;
  // Compensation nodes and agent tools stand apart from the flow: they run only when called for.
  const apart = new Set([...compensationNodeIds(document), ...agentToolNodeIds(document)]);
  const top: Frame = { outcomes: new Map(), steps: {} };
  const iterationFrames = new Map<string, Frame[]>();
  const chunkedLoops = new Map<string, Promise<Map<number, Record<string, IterationOutcome>>>>();
  const disabled: SkippedNode[] = [];
  // Read when this request first runs a node: rows written after it are this request's own. A run
  // this request started has none yet (the trigger's aside), unless it is a replay or a loop chunk,
  // seeded with the results they reuse: nothing to read. (With a concurrency limit the start is a
  // step, whose answer a later request gets again.)
  const startedHere = !limits.concurrency && start.startedNow && !context.replayOf && !chunk;
  let statuses: Promise<ReadonlyMap<string, string>> | undefined;
  const historyStatuses = () => (statuses ??= startedHere ? Promise.resolve(new Map()) : stepRunStatuses(runId));
  const bodyOf = (splitId: string) => document.nodes.filter((n) => loopOwner.get(n.id) === splitId && !apart.has(n.id));

  /** A node's outcome seen from a frame: run in it, taken from the enclosing run, or collected over a loop's iterations. */
  const visit = (node: WorkflowNode, frame: Frame): Promise<Outcome> => {
    const owner = loopOwner.get(node.id);
    if (frame.iteration && owner !== frame.iteration.splitId) return visit(node, frame.iteration.outer);
    let outcome = frame.outcomes.get(node.id);
    if (!outcome) {
      outcome =
        owner && !frame.iteration
          ? collect(node, owner, frame)
          : settleParents(node, frame).then((parents) => (parents ? runNode(node, parents, frame) : { status: "skipped" as const }));
      frame.outcomes.set(node.id, outcome);
    }
    return outcome;
  };

  /** Seen from outside its loop, a node's output is the list of its outputs in the iterations that ran it. */
  const collect = async (node: WorkflowNode, splitId: string, frame: Frame): Promise<Outcome> => {
    const split = await visit(nodes.get(splitId)!, frame);
    if (split.status !== "completed") return { status: "skipped" };
    const values: unknown[] = Array.isArray(split.output) ? split.output : [];
    let iterations: Outcome[];
    if (runsInChunks(values.length, bodyOf(splitId).length)) {
      const outcomes = await loopInChunks(splitId, values, frame);
      iterations = values.map((_, index) => outcomes.get(index)?.[node.id] ?? { status: "skipped" });
    } else {
      iterations = await Promise.all(iterationsOf(splitId, values, frame).map((f) => visit(node, f)));
    }
    const output = iterations.flatMap((o) => (o.status === "completed" ? [o.output] : []));
    frame.steps[node.id] = output;
    return { status: "completed", output, branches: [], iterations };
  };

  const iterationsOf = (splitId: string, values: unknown[], outer: Frame): Frame[] => {
    let frames = iterationFrames.get(splitId);
    if (!frames) {
      frames = values.map((value, index) => ({ outcomes: new Map(), steps: {}, iteration: { splitId, index, count: values.length, value, outer } }));
      iterationFrames.set(splitId, frames);
    }
    return frames;
  };

  /** A loop too large for this run's steps: its iterations run in chunk runs, whose outcomes are read once they have all ended (lib/execution/loop-chunks.ts). */
  const loopInChunks = (splitId: string, values: unknown[], frame: Frame) => {
    let loop = chunkedLoops.get(splitId);
    if (!loop) {
      loop = (async () => {
        const body = bodyOf(splitId);
        const outer = await outerOutcomes(splitId, body, frame);
        const parent = { runId, workspaceId: context.workspaceId, workflowId: context.workflowId, trigger: context.trigger };
        const chunks = (await step.run(`loop:${splitId}:start`, () => startLoopChunks(parent, { splitId, outer, deadline }, values, body.length))) as ChunkRef[];
        const ids = chunks.map((c) => c.runId);
        for (let round = 0; ; round++) {
          const { pending, checkedAt } = (await step.run(`loop:${splitId}:check:${round}`, async () => {
            await sendNextChunks(runId);
            return { pending: await pendingChunks(ids), checkedAt: Date.now() };
          })) as { pending: number; checkedAt: number };
          if (!pending) break;
          await step.waitForEvent(`loop:${splitId}:wait:${round}`, { event: LOOP_CHUNKS_FINISHED, if: `async.data.parentRunId == ${JSON.stringify(runId)}`, timeout: new Date(checkedAt + recheckDelayMs(round)) });
        }
        const failures = (await step.run(`loop:${splitId}:end`, () => failedChunks(ids))) as ChunkFailure[];
        if (failures.length) throw new LoopChunkError(splitId, failures);
        // Ended chunk runs never change: reading them again when the function is re-entered gives the same outcomes.
        return chunkOutcomes(ids);
      })();
      chunkedLoops.set(splitId, loop);
    }
    return loop;
  };

  /** What a chunk needs from outside its loop: the outcomes of the body's other parents, and of the split's ancestors its expressions name. */
  const outerOutcomes = async (splitId: string, body: WorkflowNode[], frame: Frame): Promise<Record<string, IterationOutcome>> => {
    const inBody = new Set(body.map((n) => n.id));
    const parentsOf = (id: string) => (incoming.get(id) ?? []).map((e) => e.source);
    const needed = new Set(body.flatMap((n) => parentsOf(n.id)).filter((id) => !inBody.has(id) && id !== splitId));
    const ancestors = new Set<string>();
    for (const queue = parentsOf(splitId); queue.length; ) {
      const id = queue.pop()!;
      if (!ancestors.has(id)) queue.push(...parentsOf((ancestors.add(id), id)));
    }
    for (const id of referencedSteps(body)) if (ancestors.has(id)) needed.add(id);
    const entries = await Promise.all([...needed].map(async (id) => [id, await visit(nodes.get(id)!, frame)] as const));
    return Object.fromEntries(entries.map(([id, o]) => [id, o.status === "completed" ? { status: "completed" as const, output: o.output, branches: o.branches } : { status: "skipped" as const }]));
  };

  /** The outputs of completed parents whose chosen output leads here, or null when the node is not on the taken path. */
  const settleParents = async (node: WorkflowNode, frame: Frame): Promise<Map<string, unknown> | null> => {
    if (nodeDefinitionOf(node)?.category === "trigger") return new Map();
    const edges = incoming.get(node.id) ?? [];
    const settled = await Promise.all(edges.map(async (edge) => ({ edge, outcome: await visit(nodes.get(edge.source)!, frame) })));
    const active = new Map<string, unknown>();
    for (const { edge, outcome } of settled) {
      if (outcome.status !== "completed") continue;
      const handle = edge.sourceHandle ?? nodeOutputs(nodes.get(edge.source)!)[0]?.id;
      if (frame.iteration?.splitId === edge.source) active.set(edge.source, frame.iteration.value);
      else if (outcome.iterations) active.set(edge.source, outcome.iterations.flatMap((o) => (o.status === "completed" && o.branches.includes(handle) ? [o.output] : [])));
      else if (outcome.branches.includes(handle)) active.set(edge.source, outcome.output);
    }
    return active.size ? active : null;
  };

  /** What expressions see in a frame: the run's outputs, overlaid in an iteration with its own (the split's output is the current item). */
  const scopeOf = (frame: Frame, input: unknown): ExpressionScope => {
    const { iteration } = frame;
    if (!iteration) return { trigger: context.trigger, steps: top.steps, run: runScope, input };
    return {
      trigger: context.trigger,
      steps: { ...iteration.outer.steps, [iteration.splitId]: iteration.value, ...frame.steps },
      run: runScope,
      input,
      loop: { index: iteration.index, count: iteration.count },
    };
  };

  const runNode = async (node: WorkflowNode, parents: Map<string, unknown>, frame: Frame): Promise<Outcome> => {
    const definition = nodeDefinitionOf(node) as NodeDefinition;
    const input = parents.size === 1 ? [...parents.values()][0] : Object.fromEntries(parents);
    const scope = scopeOf(frame, input);
    // In an iteration the node's steps, history row and idempotency keys are the iteration's own.
    const instance = frame.iteration ? { ...node, id: `${node.id}#${frame.iteration.index}` } : node;
    // Disabled: no step; its input goes on through its first output, and history records it as skipped.
    if (node.disabled) {
      frame.steps[node.id] = input;
      disabled.push({ id: instance.id, type: node.type, reason: DISABLED_REASON, output: input });
      return { status: "completed", output: input, branches: [nodeOutputs(node)[0]?.id] };
    }
    if (node.id === trigger?.node.id) {
      frame.steps[node.id] = context.trigger;
      return { status: "completed", output: context.trigger, branches: [nodeOutputs(node)[0]?.id] };
    }
    // A trial run: the node outputs its pinned data (the sample a template or the editor pinned) instead of calling anything.
    if (context.usesPinnedData && document.pinData && Object.hasOwn(document.pinData, node.id)) {
      const output = document.pinData[node.id];
      const branch = nodeOutputs(node)[0]?.id;
      await step.run(`node:${instance.id}`, () => recordStepPinned(runId, instance, input, output, branch));
      frame.steps[node.id] = output;
      return { status: "completed", output, branches: [branch] };
    }
    const nodeAttempt: NodeAttempt = { runId, workspaceId: context.workspaceId, node: instance, definition, scope, parents: Object.fromEntries(parents), attempt, deadline, nodes, historyStatuses };
    let result: NodeResult;
    try {
      result = await executeNode(step, nodeAttempt, deadline);
    } catch (error) {
      // An open circuit breaker: follow the node's fallback output when the workflow connects it.
      if (isCircuitOpen(error) && hasCircuitFallback(node) && document.edges.some((e) => e.source === node.id && e.sourceHandle === FALLBACK_OUTPUT.id)) {
        const output = { error: { name: "CircuitOpenError", message: originalMessage(error) } };
        frame.steps[node.id] = output;
        return { status: "completed", output, branches: [FALLBACK_OUTPUT.id] };
      }
      const mode = node.settings?.onError ?? "fail";
      if (mode === "fail" || isRunTimeout(error)) throw error;
      result = { output: { error: { name: errorName(error), message: (error as Error).message } }, branch: mode === "branch" ? "error" : undefined };
    }
    frame.steps[node.id] = result.output;
    const branches = result.branch === undefined ? [nodeOutputs(node)[0]?.id] : [result.branch].flat();
    return { status: "completed", output: result.output, branches };
  };

  /**
   * Records the run as completed and tells its parent. A step, not plain code: the SDK hands a
   * step's result to the function before its checkpoint is stored, so plain code here could
   * record a run as completed whose last result the engine then refuses (a limit) or loses.
   */
  const endCompleted = (output: unknown, skipped: SkippedNode[]) => {
    const work = async () => {
      await completeRun(context, output, skipped);
      await notifyParentRun(runId, context.triggerKind);
    };
    return step.run("run:complete", completionIsWaitedOn(context) ? work : startsWithResultsHeld(work));
  };

  const walked = document.nodes.filter((n) => !apart.has(n.id));
  // A loop chunk runs only its loop's body, for one item after another (so the SDK runs its steps
  // inline and checkpoints them, instead of one request per step), with the outcomes it was given
  // for the nodes outside. Its parent runs its chunks at the same time.
  const chunkBody = chunk ? bodyOf(chunk.splitId) : [];
  const chunkFrames: Frame[] = chunk ? chunk.items.map((value, i) => ({ outcomes: new Map(), steps: {}, iteration: { splitId: chunk.splitId, index: chunk.offset + i, count: chunk.total, value, outer: top } })) : [];
  if (chunk) {
    for (const node of document.nodes) {
      if (loopOwner.get(node.id) === chunk.splitId) continue;
      const given: Outcome = node.id === chunk.splitId ? { status: "completed", output: null, branches: [MAIN_OUTPUT.id] } : (chunk.outer[node.id] ?? { status: "skipped" });
      if (given.status === "completed") top.steps[node.id] = given.output;
      top.outcomes.set(node.id, Promise.resolve(given));
    }
  }
  try {
    if (chunk) for (const frame of chunkFrames) await Promise.all(chunkBody.map((n) => visit(n, frame)));
    else await Promise.all(walked.map((n) => visit(n, top)));
  } catch (error) {
    const failure = serializeError(error, { nodeId: failedNodeId(error) });
    if (isRunTimeout(error)) failure.message = `The run exceeded its time limit of ${settings.timeoutMs} ms`;
    const compensated = await compensate(step, { runId, workspaceId: context.workspaceId, document, attempt, scope: scopeOf(top, null) });
    if (compensated.length) failure.compensations = compensated;
    await step.run("run:fail", async () => {
      await failRun(context, failure);
      await notifyParentRun(runId, context.triggerKind);
    });
    throw new NonRetriableError(failure.message);
  }

  if (chunk) {
    const items: ChunkOutput["items"] = {};
    for (const frame of chunkFrames) {
      const outcomes = await Promise.all(chunkBody.map(async (n) => [n.id, await visit(n, frame)] as const));
      items[frame.iteration!.index] = Object.fromEntries(outcomes);
    }
    await endCompleted({ items } satisfies ChunkOutput, disabled);
    return null;
  }

  const settled = await Promise.all(walked.map(async (n) => ({ node: n, outcome: await visit(n, top) })));
  const hasChildren = new Set(document.edges.map((e) => e.source));
  const output = Object.fromEntries(
    settled.filter(({ node, outcome }) => outcome.status === "completed" && !hasChildren.has(node.id)).map(({ node }) => [node.id, top.steps[node.id]]),
  );
  const skipped: SkippedNode[] = [...settled.filter(({ outcome }) => outcome.status === "skipped").map(({ node }) => ({ id: node.id, type: node.type })), ...disabled];
  await endCompleted(output, skipped);
  return output;
}

/**
 * The workflow's trigger, unless it runs as a step after all: in a trial run with pinned data for
 * it (it outputs that), or when its config does not resolve (the step fails as any node's would).
 */
async function triggerWithoutStep(document: WorkflowDocument, context: RunContext, run: ExpressionScope["run"]): Promise<{ node: WorkflowNode; writes: StartWrites } | undefined> {
  const node = triggerNodeOf(document);
  if (!node || (context.usesPinnedData && document.pinData && Object.hasOwn(document.pinData, node.id))) return undefined;
  const definition = nodeDefinitionOf(node) as NodeDefinition;
  const scope: ExpressionScope = { trigger: context.trigger, steps: {}, run, input: {} };
  try {
    const { display } = await resolveConfig(node, definition, scope);
    return { node, writes: triggerStepWrites(context.runId, node, display, context.trigger) };
  } catch {
    return undefined;
  }
}

/** Inngest's StepError names the failed step (`node:<id>`, `node:<id>#<iteration>`); recover the node id from it. */
function failedNodeId(error: unknown): string | undefined {
  if (error instanceof LoopChunkError) return error.nodeId;
  const stepId = (error as { stepId?: string }).stepId;
  return stepId?.match(/^node:([^:#]+)/)?.[1];
}

function isCircuitOpen(error: unknown): boolean {
  for (let e = error as { name?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.name === "CircuitOpenError" || /\bcircuit breaker for .* is open/i.test((e as { message?: string }).message ?? "")) return true;
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
