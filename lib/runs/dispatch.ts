import { inngest } from "@/inngest/client";
import { RUN_REQUESTED, type RunRequestedData } from "@/inngest/events";
import { db, type Tx } from "@/lib/db/client";
import { executeAll } from "@/lib/db/direct-sql";
import { insertRowsSql } from "@/lib/db/insert-rows";
import { newId } from "@/lib/ids";
import { toJson } from "@/lib/json";
import { metrics, safely } from "@/lib/metrics";
import { TERMINAL_RUN_STATUSES, type TriggerKind } from "./status";

/**
 * Starting runs: the run row is inserted in the caller's transaction (together with whatever
 * makes the start durable: an idempotency key, a delivery, a fire time, a poll cursor, an event),
 * or on its own in one statement when nothing else is written (insertQueuedRunNow), and after the
 * commit handed to Inngest. Runs accepted within the same tick go out in one send.
 * A run whose send never happened (crash, engine unreachable) is re-sent by requeueStaleRuns on
 * start; its event id is the run id, so it can never start twice.
 */
export interface QueuedRun {
  runId: string;
  workflowId: string;
}

export interface QueuedRunInput {
  /** The workflow's workspace: runs are listed and scoped by it. */
  workspaceId: string;
  workflowId: string;
  workflowVersion: number;
  triggerKind: TriggerKind;
  trigger: unknown;
  runId?: string;
  /** For reruns and replays: the run this one starts again, and the step a replay starts from. */
  replayOf?: string;
  replayFromNode?: string;
  /** A trial run: nodes with pinned data output it instead of running (lib/execution/run-workflow.ts). */
  usePinnedData?: boolean;
  /** A loop chunk: the run whose loop it runs a part of, and what it runs (lib/execution/loop-chunks.ts). */
  loop?: { parentRunId: string; chunk: unknown };
}

/** The Run row of a queued run but its creation time, JSON columns as plain values. */
function queuedRunValues(input: QueuedRunInput & { runId: string }) {
  return {
    id: input.runId,
    workspaceId: input.workspaceId,
    workflowId: input.workflowId,
    workflowVersion: input.workflowVersion,
    status: "queued",
    triggerKind: input.triggerKind,
    trigger: input.trigger ?? null,
    replayOf: input.replayOf ?? null,
    replayFromNode: input.replayFromNode ?? null,
    usesPinnedData: input.usePinnedData ?? false,
    parentRunId: input.loop?.parentRunId ?? null,
    loopChunk: input.loop?.chunk ?? null,
  };
}

/** The Run row of a queued run as Prisma writes it (for batch transactions). */
export function queuedRunData(input: QueuedRunInput & { runId: string }) {
  const values = queuedRunValues(input);
  return { ...values, trigger: toJson(values.trigger), loopChunk: toJson(values.loopChunk) };
}

export async function insertQueuedRun(tx: Tx, input: QueuedRunInput): Promise<QueuedRun> {
  const runId = input.runId ?? newId("run");
  await tx.run.create({ data: queuedRunData({ ...input, runId }) });
  return { runId, workflowId: input.workflowId };
}

/**
 * Inserts a queued run on its own, committed when it resolves: one statement outside Prisma's
 * query pipeline (lib/db/direct-sql.ts), for a start that writes nothing else (startRun without
 * an idempotency key or seeded steps).
 */
export async function insertQueuedRunNow(input: QueuedRunInput): Promise<QueuedRun> {
  const runId = input.runId ?? newId("run");
  await executeAll(insertRowsSql("Run", [{ ...queuedRunValues({ ...input, runId }), createdAt: new Date() }], ["trigger", "loopChunk"]));
  return { runId, workflowId: input.workflowId };
}

type Pending = { runs: QueuedRun[]; waiters: { resolve: () => void; reject: (error: unknown) => void }[] };
const holder = globalThis as typeof globalThis & { __switchboardDispatch?: { pending: Pending | null } };
const state = (holder.__switchboardDispatch ??= { pending: null });

const MAX_BATCH = 500;

/** Hands newly committed runs to Inngest; calls made in the same tick share one send. Resolves once sent. */
export function dispatchRuns(runs: QueuedRun[]): Promise<void> {
  countQueued(runs);
  return sendRuns(runs);
}

/** Counts runs as queued in the runs metric (dispatchRuns does, for the runs it sends). */
export function countQueued(runs: QueuedRun[]) {
  for (const run of runs) safely(() => metrics().runs.inc({ workflow_id: run.workflowId, status: "queued" }));
}

/** Hands runs to Inngest again (e.g. after a crash between storing and sending); Inngest drops repeats by run id. */
export function redispatchRuns(runs: QueuedRun[]): Promise<void> {
  return sendRuns(runs);
}

function sendRuns(runs: QueuedRun[]): Promise<void> {
  if (!runs.length) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (!state.pending) {
      const pending: Pending = (state.pending = { runs: [], waiters: [] });
      setImmediate(() => void flush(pending));
    }
    state.pending.runs.push(...runs);
    state.pending.waiters.push({ resolve, reject });
  });
}

async function flush(pending: Pending) {
  if (state.pending === pending) state.pending = null;
  try {
    for (let i = 0; i < pending.runs.length; i += MAX_BATCH) {
      const events = pending.runs.slice(i, i + MAX_BATCH).map(({ runId, workflowId }) => ({ name: RUN_REQUESTED, id: runId, data: { runId, workflowId } satisfies RunRequestedData }));
      await sendWithRetry(events);
    }
    pending.waiters.forEach((w) => w.resolve());
  } catch (error) {
    pending.waiters.forEach((w) => w.reject(error));
  }
}

async function sendWithRetry(events: { name: string; id: string; data: RunRequestedData }[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      await inngest.send(events);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/**
 * Dispatch without making the caller wait or fail: the runs are stored, so a failed send is tried
 * again (backing off to every 30 s) until it goes through, and after a crash on start.
 * `send`: redispatchRuns for runs sent before (not counted as queued again).
 */
export function dispatchInBackground(runs: QueuedRun[], send = dispatchRuns) {
  if (!runs.length) return;
  send(runs).catch((error) => retryInBackground(runs, 0, error));
}

/**
 * How many chunk runs of one parent run's loops run at a time (lib/execution/loop-chunks.ts): a
 * split over 100,000 rows makes 500 of them, which would otherwise all be handed to the engine at
 * once and hold back every other workflow's runs until they were done. The next is sent as one ends.
 */
export const CHUNKS_IN_FLIGHT = 8;

/**
 * The parent's chunk runs to send now: those still queued among the first CHUNKS_IN_FLIGHT that
 * have not ended, in the order they were stored (ids are monotonic). Every chunk sent is among
 * them until it ends, so at most CHUNKS_IN_FLIGHT run at once. Sending a queued run again is
 * harmless: its event id is its run id.
 */
export async function chunksToSend(parentRunId: string): Promise<QueuedRun[]> {
  const open = await db().run.findMany({
    where: { parentRunId, status: { notIn: [...TERMINAL_RUN_STATUSES] } },
    select: { id: true, status: true, workflowId: true },
    orderBy: { id: "asc" },
    take: CHUNKS_IN_FLIGHT,
  });
  return open.filter((run) => run.status === "queued").map((run) => ({ runId: run.id, workflowId: run.workflowId }));
}

function retryInBackground(runs: QueuedRun[], attempt: number, error: unknown) {
  const delayMs = Math.min(1000 * 2 ** attempt, 30_000);
  console.error(`[runs] handing ${runs.length} run(s) to the engine failed; trying again in ${delayMs / 1000} s`, error);
  const timer = setTimeout(() => void redispatchRuns(runs).catch((next) => retryInBackground(runs, attempt + 1, next)), delayMs);
  timer.unref();
}
