import { replayFromBatch } from "@/lib/runs/replay";
import { inngest } from "../client";
import { REPLAY_BATCH_REQUESTED, type ReplayBatchData } from "../events";

/** Replays started per step, and the pause between steps: at most about this many new runs per second. */
export const REPLAYS_PER_STEP = Number(process.env.SWITCHBOARD_REPLAYS_PER_STEP) || 5;
const PAUSE = process.env.SWITCHBOARD_REPLAY_PAUSE || "1s";

/**
 * Carries out a bulk replay (POST /api/runs/replay): starts the replays a few at a time, each
 * group its own durable step with a pause after it, so a batch survives restarts, starts every
 * replay exactly once (idempotency key per batch and run) and does not flood the systems the
 * workflows call. The replayed runs then also respect their workflow's concurrency limit.
 */
export const replayBatch = inngest.createFunction(
  {
    id: "replay-batch",
    name: "Replay runs in bulk",
    retries: 5,
    triggers: [{ event: REPLAY_BATCH_REQUESTED }],
  },
  async ({ event, step }) => {
    const { batchId, runIds, mode, version } = event.data as ReplayBatchData;
    const results: Awaited<ReturnType<typeof replayFromBatch>>[] = [];
    for (let i = 0; i < runIds.length; i += REPLAYS_PER_STEP) {
      const group = runIds.slice(i, i + REPLAYS_PER_STEP);
      const started = (await step.run(`replay:${i / REPLAYS_PER_STEP}`, async () => {
        const out = [];
        for (const runId of group) out.push(await replayFromBatch(batchId, runId, mode, version));
        return out;
      })) as Awaited<ReturnType<typeof replayFromBatch>>[];
      results.push(...started);
      if (i + REPLAYS_PER_STEP < runIds.length) await step.sleep(`pause:${i / REPLAYS_PER_STEP}`, PAUSE);
    }
    return { batchId, started: results.filter((r) => r.newRunId).length, failed: results.filter((r) => r.error) };
  },
);
