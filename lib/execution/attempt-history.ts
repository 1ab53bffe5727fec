import type { SerializedError } from "@/lib/json";
import { storeHeldResults } from "@/lib/db/deferred-writes";
import { recordAttemptEnded, recordStepStarted, type AttemptEnd, type AttemptStart } from "@/lib/runs/history";

/**
 * An attempt that ends within this time is written to run history once, when it ends, with its
 * real start time; a longer one is shown as running from then on. Most steps (transforms,
 * conditions, fast calls) take a few milliseconds, and a second write per step would cost more
 * than the step itself.
 */
export const SHOW_RUNNING_AFTER_MS = 100;

export interface AttemptHistory {
  completed(output: unknown, branch?: string | string[]): Promise<void>;
  failed(error: SerializedError, final: boolean): Promise<void>;
}

/** Starts the run history of one attempt of a step node. */
export function beginAttempt(runId: string, start: AttemptStart): AttemptHistory {
  let startWritten: Promise<void> | null = null;
  const timer = setTimeout(() => {
    // What ran before it (results held for the next checkpoint) shows first.
    startWritten = storeHeldResults()
      .then(() => recordStepStarted(runId, start.node, start.attempt, start.input, "running", undefined, start.startedAt))
      .catch((error) => {
        // The end is written with the start anyway (an upsert), so a failed "running" row loses nothing.
        console.error("[runs] recording a running step failed", error);
      });
  }, SHOW_RUNNING_AFTER_MS);
  const end = async (outcome: AttemptEnd) => {
    clearTimeout(timer);
    // The start must land first, or it would overwrite the end with "running".
    await startWritten;
    await recordAttemptEnded(runId, start, outcome);
  };
  return {
    completed: (output, branch) => end({ status: "completed", output, branch }),
    failed: (error, final) => end({ status: final ? "failed" : "retrying", error }),
  };
}
