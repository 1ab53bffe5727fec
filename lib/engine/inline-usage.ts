import { db } from "@/lib/db/client";
import { checkStepResults, type LimitError, type RunUsage } from "./limits";
import { runUsage } from "./store";

/**
 * What a job that runs a run's steps inline (the SDK checkpointing each one) knows of the run's
 * stored steps, so each checkpoint is checked against Inngest's limits without counting every
 * stored step again: one count per job instead of one per checkpoint (a count that grew with the
 * run). While such a job runs, its checkpoints are the only writes of the run's steps (inline
 * execution needs no other step of the run in flight), so adding what they store stays exact.
 * The tally lives for the job only, in the process that runs it (checkpoints reach the engine
 * in-process).
 */
interface Tally {
  /** Step ids stored before the job or by its checkpoints. */
  ids: Set<string>;
  /** Stored steps and bytes: none for a run with no stored step, else counted at the job's first checkpoint. */
  usage: RunUsage | null;
}

const inlineJobs = new Map<string, Tally>();

/** Tracks the run's stored steps during an inline job; returns the function that ends tracking. */
export function trackInlineJob(runId: string, storedStepIds: string[]): () => void {
  // A run with no stored step has nothing to count.
  const tally: Tally = { ids: new Set(storedStepIds), usage: storedStepIds.length ? null : { steps: 0, bytes: 0 } };
  inlineJobs.set(runId, tally);
  return () => {
    if (inlineJobs.get(runId) === tally) inlineJobs.delete(runId);
  };
}

/**
 * Whether storing these checkpointed results keeps the run within the limits (the error when
 * not). Results repeating a stored step, or arriving outside an inline job, are checked against
 * a fresh count that leaves the repeated steps out, as before.
 */
export async function checkCheckpoint(runId: string, results: { id: string; bytes: number }[]): Promise<LimitError | null> {
  const tally = inlineJobs.get(runId);
  const repeats = results.some((r) => tally?.ids.has(r.id));
  if (!tally || repeats || !tally.usage) {
    const usage = await runUsage(db(), runId, [...new Set(results.map((r) => r.id))]);
    if (tally && !repeats) tally.usage = usage;
    return checkStepResults(usage, results);
  }
  return checkStepResults(tally.usage, results);
}

/** Adds results a checkpoint stored to its job's tally. */
export function recordCheckpoint(runId: string, results: { id: string; bytes: number }[]): void {
  const tally = inlineJobs.get(runId);
  if (!tally) return;
  for (const { id, bytes } of results) {
    if (tally.ids.has(id)) continue; // stored before: the insert kept the first result
    tally.ids.add(id);
    if (tally.usage) tally.usage = { steps: tally.usage.steps + 1, bytes: tally.usage.bytes + bytes };
  }
}
