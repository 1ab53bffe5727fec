/**
 * Shapes returned by the REST API (see docs/api.md), for the browser. Each is declared once, by the
 * server code that builds it; these are type-only imports, so no server code reaches the bundle.
 */

export type { WorkflowSummary } from "@/lib/workflow-store/repository";
export type { WorkflowView as WorkflowDetail, DraftView as DraftAnswer } from "@/lib/workflow-store/present";
export type { RunStatus, StepStatus } from "@/lib/runs/status";
export type { RunSummary, RunDetail, StepSummary as StepDetail, StepAttemptView as StepAttempt } from "@/lib/runs/queries";
export type { RunActionView as RunAction } from "@/lib/runs/actions";
export type { FailedGroup } from "@/lib/runs/failed";
export type { ReplayResult as StartedReplay, BulkReplayResult } from "@/lib/runs/replay";
export type { DeliverySummary as Delivery } from "@/lib/triggers/webhook/deliveries";
export type { TestEventView } from "@/lib/triggers/webhook/test-event";
export type { WebhookTriggerOutput } from "@/lib/triggers/webhook/output";
