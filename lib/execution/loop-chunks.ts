import { inngest } from "@/inngest/client";
import { db, type Tx } from "@/lib/db/client";
import { CHUNKS_IN_FLIGHT, chunksToSend, countQueued, dispatchInBackground, insertQueuedRun, redispatchRuns, type QueuedRun } from "@/lib/runs/dispatch";
import { insertSeededSteps } from "@/lib/runs/start";
import { iterationOfStepKey, nodeOfStepKey } from "@/lib/runs/step-keys";
import { TERMINAL_RUN_STATUSES } from "@/lib/runs/status";

/**
 * Loops too large for one run. A run may spend at most 1,000 steps (Inngest's limit, enforced by
 * the embedded engine too), and each node of a loop's body is a step per iteration, so a split whose
 * iterations × body nodes exceed LOOP_INLINE_STEPS runs its iterations in child runs ("loop
 * chunks", triggerKind `loop`), each running the body for a slice of the items with the same
 * step keys (`<node>#<index>`) and history as inline iterations. The parent starts them in one
 * step, waits for them (an event from the last chunk to end, with a look at their state at growing
 * intervals), and reads their outcomes, so its own step count does not grow with the items.
 *
 * Guarantees:
 * - Each item's steps and outcome are in its chunk's run history; a failed item fails its chunk and
 *   then the parent, naming the item, the node and the chunk run.
 * - A replay of the parent (from a failed step) starts each chunk as a replay of the chunk it had:
 *   the items' completed steps are handed over, so only failed and unfinished items run again.
 * - Chunks run outside the workflow's concurrency limit (they are part of a run that holds a slot)
 *   and end by the parent's deadline; cancelling the parent cancels its chunks.
 * - At most CHUNKS_IN_FLIGHT chunks of a parent run at a time, in the order of their items; the
 *   others wait queued, and the next is sent as one ends (and by each look of the parent, should
 *   a crash have lost a send).
 */

/** A loop runs inline while iterations × body nodes stay within this many steps. */
export const LOOP_INLINE_STEPS = 400;
/** Body steps one chunk runs at most (a chunk also spends its start and end steps): chunks run at the same time, each item of a chunk after the other. */
const CHUNK_STEPS = 200;

/** Sent when the last chunk of a parent's loop ends; the parent waits for it. */
export const LOOP_CHUNKS_FINISHED = "switchboard/loop.chunks-finished";

/** A node's outcome in one iteration, as the parent reads it from a chunk. */
export type IterationOutcome = { status: "completed"; output: unknown; branches: string[] } | { status: "skipped" };

/** What a chunk run runs: stored on its Run row. */
export interface LoopChunk {
  splitId: string;
  /** The index of its first item in the loop, and the loop's number of iterations. */
  offset: number;
  total: number;
  items: unknown[];
  /** Outcomes of the nodes outside the loop that the body reads (its parents, and nodes its expressions name). */
  outer: Record<string, IterationOutcome>;
  /** The parent's deadline (its run timeout), if any. */
  deadline?: number;
}

/** What a chunk run outputs: per iteration index, its body nodes' outcomes. */
export type ChunkOutput = { items: Record<number, Record<string, IterationOutcome>> };

export interface ChunkRef {
  runId: string;
  offset: number;
  count: number;
}

/** Whether a loop of `iterations` over a body of `bodyNodes` nodes runs in chunks. */
export function runsInChunks(iterations: number, bodyNodes: number): boolean {
  return iterations * Math.max(1, bodyNodes) > LOOP_INLINE_STEPS;
}

/** Items per chunk for a body of `bodyNodes` nodes. */
export function chunkSize(bodyNodes: number): number {
  return Math.max(1, Math.floor(CHUNK_STEPS / Math.max(1, bodyNodes)));
}

interface Parent {
  runId: string;
  workspaceId: string;
  workflowId: string;
  trigger: unknown;
}

/**
 * Starts the chunk runs of a loop (once: a retry finds those already started). A parent that
 * replays another run from a failed step seeds each chunk with the completed steps of the chunk
 * at the same offset in that run, when it ran the same workflow version.
 */
export async function startLoopChunks(parent: Parent, spec: Omit<LoopChunk, "offset" | "items" | "total">, values: unknown[], bodyNodes: number): Promise<ChunkRef[]> {
  const size = chunkSize(bodyNodes);
  const started: QueuedRun[] = [];
  const refs = await db().$transaction(async (tx) => {
    const run = await tx.run.findUnique({ where: { id: parent.runId }, select: { workflowVersion: true, replayOf: true, replayFromNode: true } });
    if (!run) throw new Error(`Run ${parent.runId} no longer exists`);
    const existing = await tx.run.findMany({ where: { parentRunId: parent.runId }, select: { id: true, loopChunk: true } });
    const mine = existing.filter((r) => (r.loopChunk as LoopChunk | null)?.splitId === spec.splitId);
    if (mine.length) return mine.map((r) => refOf(r.id, r.loopChunk as unknown as LoopChunk)).sort((a, b) => a.offset - b.offset);

    const previous = run.replayOf && run.replayFromNode ? await previousChunks(tx, run.replayOf, run.workflowVersion, spec.splitId) : new Map<number, string>();
    const refs: ChunkRef[] = [];
    for (let offset = 0; offset < values.length; offset += size) {
      const chunk: LoopChunk = { ...spec, offset, total: values.length, items: values.slice(offset, offset + size) };
      const before = previous.get(offset);
      const { runId } = await insertQueuedRun(tx, {
        workspaceId: parent.workspaceId,
        workflowId: parent.workflowId,
        workflowVersion: run.workflowVersion,
        triggerKind: "loop",
        trigger: parent.trigger,
        replayOf: before,
        loop: { parentRunId: parent.runId, chunk },
      });
      // The replayed chunk's completed item steps are handed over instead of run again.
      if (before) await insertSeededSteps(tx, runId, await tx.stepRun.findMany({ where: { runId: before, status: "completed" }, select: { nodeId: true, nodeType: true, input: true, output: true, branch: true } }));
      started.push({ runId, workflowId: parent.workflowId });
      refs.push({ runId, offset, count: chunk.items.length });
    }
    return refs;
  });
  // Stored is started: a send that fails is tried again in the background (and on start), so a retry of this step, which finds the chunks stored, needs to send nothing.
  countQueued(started.slice(CHUNKS_IN_FLIGHT));
  dispatchInBackground(started.slice(0, CHUNKS_IN_FLIGHT));
  return refs;
}

function refOf(runId: string, chunk: LoopChunk): ChunkRef {
  return { runId, offset: chunk.offset, count: chunk.items.length };
}

/** The chunk runs of a replayed run's loop by offset, when it ran the same version. */
async function previousChunks(tx: Tx, replayedRunId: string, workflowVersion: number, splitId: string): Promise<Map<number, string>> {
  const rows = await tx.run.findMany({ where: { parentRunId: replayedRunId, workflowVersion }, select: { id: true, loopChunk: true } });
  const byOffset = new Map<number, string>();
  for (const row of rows) {
    const chunk = row.loopChunk as LoopChunk | null;
    if (chunk?.splitId === splitId) byOffset.set(chunk.offset, row.id);
  }
  return byOffset;
}

/** Sends the parent's chunks whose turn it is (again, should a crash have lost a send); a send that fails is tried again in the background. */
export async function sendNextChunks(parentRunId: string): Promise<void> {
  dispatchInBackground(await chunksToSend(parentRunId), redispatchRuns);
}

/** How many of the chunks have not ended yet. */
export async function pendingChunks(runIds: string[]): Promise<number> {
  return db().run.count({ where: { id: { in: runIds }, status: { notIn: [...TERMINAL_RUN_STATUSES] } } });
}

export interface ChunkFailure {
  runId: string;
  status: string;
  /** The failed item's step (`<node>#<index>`), when a step failed. */
  step?: string;
  message: string;
}

/** The chunks that did not complete, with their errors and failed steps. */
export async function failedChunks(runIds: string[]): Promise<ChunkFailure[]> {
  const rows = await db().run.findMany({ where: { id: { in: runIds }, status: { not: "completed" } }, select: { id: true, status: true, error: true }, orderBy: { id: "asc" } });
  return Promise.all(
    rows.map(async (row) => {
      const failed = await db().stepRun.findFirst({ where: { runId: row.id, status: "failed" }, select: { nodeId: true }, orderBy: { startedAt: "asc" } });
      const message = (row.error as { message?: string } | null)?.message ?? `the chunk run was ${row.status}`;
      return { runId: row.id, status: row.status, ...(failed ? { step: failed.nodeId } : {}), message };
    }),
  );
}

/** A loop whose chunk runs did not all complete: names the first failed item, its node and its chunk run. */
export class LoopChunkError extends Error {
  readonly nodeId: string | undefined;
  constructor(splitId: string, failures: ChunkFailure[]) {
    const [first] = failures;
    const where = first.step ? `item ${iterationOfStepKey(first.step)} failed at “${nodeOfStepKey(first.step)}”` : `a chunk was ${first.status}`;
    const more = failures.length > 1 ? ` (${failures.length} chunk runs did not complete)` : "";
    super(`Loop “${splitId}”: ${where} in chunk run ${first.runId}: ${first.message}${more}`);
    this.name = "LoopChunkError";
    this.nodeId = first.step && nodeOfStepKey(first.step);
  }
}

/** The iterations' outcomes, read from the ended chunks (they never change once ended). */
export async function chunkOutcomes(runIds: string[]): Promise<Map<number, Record<string, IterationOutcome>>> {
  const rows = await db().run.findMany({ where: { id: { in: runIds } }, select: { output: true } });
  const outcomes = new Map<number, Record<string, IterationOutcome>>();
  for (const row of rows) {
    for (const [index, nodes] of Object.entries((row.output as ChunkOutput | null)?.items ?? {})) outcomes.set(Number(index), nodes);
  }
  return outcomes;
}

/** Called when a run ends: a chunk sends the next one waiting for its turn; the last chunk of a loop to end tells the parent. */
export async function notifyLoopParent(runId: string): Promise<void> {
  const run = await db().run.findUnique({ where: { id: runId }, select: { parentRunId: true, loopChunk: true } });
  const splitId = (run?.loopChunk as LoopChunk | null)?.splitId;
  if (!run?.parentRunId || !splitId) return;
  const siblings = await db().run.count({ where: { parentRunId: run.parentRunId, status: { notIn: [...TERMINAL_RUN_STATUSES] } } });
  if (siblings === 0) await inngest.send({ name: LOOP_CHUNKS_FINISHED, data: { parentRunId: run.parentRunId, splitId } });
  else await sendNextChunks(run.parentRunId);
}
