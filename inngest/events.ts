/** Event names Switchboard sends to Inngest. */
export const RUN_REQUESTED = "switchboard/run.requested";
export const RUN_CANCELLED = "switchboard/run.cancelled";
/** A run of a workflow with a concurrency limit ended: queued runs of that workflow may start. */
export const RUN_SLOT_RELEASED = "switchboard/run.slot-released";

export interface RunRequestedData {
  runId: string;
  workflowId: string;
}

/** Names users may not send through POST /api/events. */
export const RESERVED_EVENT_PREFIXES = ["switchboard/", "inngest/"];

/** An operator asked to replay many runs at once (POST /api/runs/replay); the replay-batch function starts them a few at a time. */
export const REPLAY_BATCH_REQUESTED = "switchboard/replay.batch-requested";

export interface ReplayBatchData {
  batchId: string;
  runIds: string[];
  mode: "replay" | "rerun";
  /** Which version the runs replay on: the one each run used (default), or the workflow's published version. */
  version?: "run" | "published";
}
