import type { WorkflowDocument } from "@/lib/document/schema";

/** Shapes returned by the REST API (see docs/api.md). */

export interface WorkflowSummary {
  id: string;
  name: string;
  active: boolean;
  version: number;
  triggerType: string | null;
  nodeCount: number;
  createdAt: string;
  updatedAt: string;
  lastRun: { id: string; status: RunStatus; createdAt: string } | null;
  /** What the trigger listens for, in words. */
  triggerDetail?: string | null;
  /** When a webhook, schedule, poll or event last started a run. */
  lastTriggeredAt?: string | null;
}

export interface WorkflowDetail extends WorkflowSummary {
  document: WorkflowDocument;
  webhookUrl?: string;
}

export type RunStatus = "queued" | "running" | "completed" | "failed" | "cancelled";
export type StepStatus = "running" | "retrying" | "sleeping" | "waiting" | "completed" | "failed" | "skipped" | "cancelled";

export interface RunSummary {
  id: string;
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
  status: RunStatus;
  triggerKind: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  /** Step attempts the run made, and how many were retries. */
  attempts: { total: number; retries: number };
  /** The run this one reruns or replays. */
  replayOf: string | null;
  /** For a replay: the step it started from. */
  replayFromNode: string | null;
}

/** One attempt, sleep or wait of a step (a bar on the run's timeline); "reused" for a step a replay took over. */
export interface StepAttempt {
  kind: "attempt" | "sleep" | "wait" | "reused";
  attempt: number;
  status: StepStatus;
  startedAt: string;
  endedAt: string | null;
  error: { name?: string; message: string; [key: string]: unknown } | null;
}

export type RunActionKind = "cancel" | "rerun" | "replay" | "bulk-replay";

export interface RunAction {
  id: string;
  action: RunActionKind;
  actor: string;
  at: string;
  details: { newRunId?: string; fromNode?: string; batchId?: string; mode?: "replay" | "rerun"; client?: { ip: string | null; userAgent: string | null }; [key: string]: unknown };
}

export interface StepDetail {
  nodeId: string;
  nodeType: string;
  nodeName: string | null;
  status: StepStatus;
  attempts: number;
  branch: string | null;
  startedAt: string | null;
  endedAt: string | null;
  input: unknown;
  output: unknown;
  error: { name?: string; message: string; [key: string]: unknown } | null;
  timeline: StepAttempt[];
  /** Taken over from the replayed run instead of executed. */
  reused: boolean;
}

export interface RunDetail extends RunSummary {
  trigger: unknown;
  output: unknown;
  error: { message: string; nodeId?: string; [key: string]: unknown } | null;
  steps: StepDetail[];
  actions: RunAction[];
  replays: { id: string; status: RunStatus; createdAt: string; replayFromNode: string | null }[];
  recovery: { canCancel: boolean; canRerun: boolean; canReplay: boolean; replayFrom: string | null; reuse: string[] };
}

/** A large value the API cut down (GET /api/runs/:id/value has all of it). */
export interface TruncatedValue {
  $truncated: true;
  bytes: number;
  download: string;
  preview: unknown;
}
