export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ["completed", "failed", "cancelled"];

export const STEP_STATUSES = ["running", "retrying", "sleeping", "waiting", "completed", "failed", "skipped", "cancelled"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const TRIGGER_KINDS = ["manual", "webhook", "failure", "schedule", "poll", "event", "queue", "subworkflow", "loop"] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];
