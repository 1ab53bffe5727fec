import type { RunStatus, StepStatus } from "@/lib/client/types";

export { RUN_STATUSES, TRIGGER_KINDS } from "@/lib/runs/status";

/** Runs that can still change, so their pages keep polling. */
export function isLiveRun(status: RunStatus): boolean {
  return status === "queued" || status === "running";
}

/** Steps whose clock is still running. */
export function isLiveStep(status: StepStatus): boolean {
  return status === "running" || status === "retrying" || status === "sleeping" || status === "waiting";
}

/** Run ids are ULIDs: the leading characters are the timestamp, so the tail is what tells runs apart. */
export function shortRunId(id: string): string {
  return id.slice(-8);
}
