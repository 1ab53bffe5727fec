import { db, type Tx } from "@/lib/db/client";
import { onceForKey } from "@/lib/idempotency";
import { toJson } from "@/lib/json";
import { chunksToSend, dispatchRuns, insertQueuedRun, insertQueuedRunNow, redispatchRuns } from "./dispatch";
import type { TriggerKind } from "./status";

/** A step a replay takes over from the run it replays: recorded as completed before the new run starts. */
export interface SeededStep {
  nodeId: string;
  nodeType: string;
  input: unknown;
  output: unknown;
  branch: string | null;
}

export interface StartRunInput {
  workspaceId: string;
  workflowId: string;
  workflowVersion: number;
  triggerKind: TriggerKind;
  /** The trigger node's output: what `trigger` means in expressions. */
  trigger: unknown;
  /** Repeats with the same key (per workflow, within 24 h) return the first run and start nothing. */
  idempotencyKey?: string;
  /** For reruns and replays: the run this one starts again. */
  replayOf?: string;
  /** For replays: the step the replay starts from; `seedSteps` are the steps before it. */
  replayFromNode?: string;
  seedSteps?: SeededStep[];
  /** A trial run: nodes with pinned data output it instead of running. */
  usePinnedData?: boolean;
}

/**
 * Records a queued run, then hands it to Inngest (lib/runs/dispatch.ts). The event id is the run
 * id, so sending it again (see requeueStaleRuns) can never start the run twice.
 */
export async function startRun(input: StartRunInput): Promise<{ runId: string; duplicate: boolean }> {
  if (!input.idempotencyKey && !input.seedSteps?.length) {
    // One row and nothing to check: one statement, without an interactive transaction.
    const queued = await insertQueuedRunNow(input);
    await dispatchRuns([queued]);
    return { runId: queued.runId, duplicate: false };
  }
  const { result, duplicate } = await onceForKey(`run:${input.workflowId}`, input.idempotencyKey, async (tx) => {
    const { runId } = await insertQueuedRun(tx, input);
    await insertSeededSteps(tx, runId, input.seedSteps ?? []);
    return { runId };
  });
  if (!duplicate) await dispatchRuns([{ runId: result.runId, workflowId: input.workflowId }]);
  return { runId: result.runId, duplicate };
}

/** Records steps a run takes over as completed: the engine hands over a completed StepRun's result instead of executing the node again. */
export async function insertSeededSteps(tx: Tx, runId: string, seeds: SeededStep[]): Promise<void> {
  const now = new Date();
  for (const seed of seeds) {
    await tx.stepRun.create({
      data: {
        runId,
        nodeId: seed.nodeId,
        nodeType: seed.nodeType,
        status: "completed",
        attempts: 0,
        branch: seed.branch,
        input: toJson(seed.input),
        output: toJson(seed.output),
        startedAt: now,
        endedAt: now,
      },
    });
    await tx.stepAttempt.create({ data: { runId, nodeId: seed.nodeId, kind: "reused", attempt: 1, nodeType: seed.nodeType, status: "completed", startedAt: now, endedAt: now } });
  }
}

/**
 * Re-sends the request of runs still queued after `olderThanMs` (e.g. the process died between
 * storing and sending). Loop chunks waiting for their turn stay queued: only those their parent
 * runs at this time are sent (chunksToSend).
 */
export async function requeueStaleRuns(olderThanMs = 10_000): Promise<number> {
  const queued = { status: "queued", createdAt: { lt: new Date(Date.now() - olderThanMs) } };
  const stale = await db().run.findMany({ where: { ...queued, triggerKind: { not: "loop" } }, select: { id: true, workflowId: true }, take: 1000 });
  const parents = await db().run.findMany({ where: { ...queued, triggerKind: "loop" }, select: { parentRunId: true }, distinct: ["parentRunId"], take: 1000 });
  const chunks = (await Promise.all(parents.flatMap((run) => (run.parentRunId ? [chunksToSend(run.parentRunId)] : [])))).flat();
  const runs = [...stale.map((run) => ({ runId: run.id, workflowId: run.workflowId })), ...chunks];
  await redispatchRuns(runs);
  return runs.length;
}
