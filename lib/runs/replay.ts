import { ulid } from "ulid";
import { inngest } from "@/inngest/client";
import { REPLAY_BATCH_REQUESTED, type ReplayBatchData } from "@/inngest/events";
import { ApiError, notFound } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import { metrics, safely } from "@/lib/metrics";
import type { WorkflowDocument } from "@/lib/document/schema";
import { recordRunAction, type Actor } from "./actions";
import { planReplay, planReplayOn } from "./replay-plan";
import { startRun, type SeededStep } from "./start";
import { TERMINAL_RUN_STATUSES, type RunStatus, type TriggerKind } from "./status";

/** rerun: the same trigger, every step again. replay: the same trigger, completed steps before the failed one reused. */
export type ReplayMode = "replay" | "rerun";
export const REPLAY_MODES: readonly ReplayMode[] = ["replay", "rerun"];

/** Runs a replay can start from: something did not complete. */
const REPLAYABLE: readonly string[] = ["failed", "cancelled"];

/** Which version a replay or rerun runs: the one the run used, or the workflow's current published version (after a fix). */
export type ReplayVersion = "run" | "published";
export const REPLAY_VERSIONS: readonly ReplayVersion[] = ["run", "published"];

export interface ReplayOptions {
  mode: ReplayMode;
  /** Default "run": the version the run used. */
  version?: ReplayVersion;
  /** The requester's workspace: a run of another workspace is "not found". Omitted only for work Switchboard does itself (queued bulk replays, checked when queued). */
  workspaceId?: string;
  actor: Actor;
  /** Makes the replay happen once per key (a queued bulk replay that is retried). */
  idempotencyKey?: string;
  /** When the action is already recorded (bulk replay): skip recording it again. */
  recordAction?: boolean;
  /** Extra details for the recorded action. */
  details?: Record<string, unknown>;
}

export interface ReplayResult {
  runId: string;
  replayOf: string;
  mode: ReplayMode;
  /** The workflow version the new run executes. */
  workflowVersion: number;
  fromNode: string | null;
  reused: string[];
}

/** Why a run cannot be replayed in this mode, or null when it can. */
export function replayRefusal(status: string, mode: ReplayMode, triggerKind?: string): string | null {
  if (triggerKind === "loop") return "A loop chunk runs again with its run: replay or rerun the run it belongs to";
  if (!TERMINAL_RUN_STATUSES.includes(status as RunStatus)) return `The run is still ${status}; cancel it or wait until it ends`;
  if (mode === "replay" && !REPLAYABLE.includes(status)) return "Only failed or cancelled runs can be replayed from a failed step; rerun a completed run instead";
  return null;
}

/**
 * Starts a new run of the same workflow version with the same trigger data, linked to the
 * original (`replayOf`). A replay copies the recorded results of the steps that completed before
 * the failure into the new run first, so the engine hands them over instead of executing them
 * again; the failed step and everything after it run. The original run is left as it was.
 */
export async function replayRun(originalId: string, options: ReplayOptions): Promise<ReplayResult> {
  const original = await db().run.findFirst({
    where: { id: originalId, ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}) },
    select: { id: true, workspaceId: true, workflowId: true, workflowVersion: true, status: true, triggerKind: true, trigger: true, error: true, steps: true, workflow: { select: { version: true, document: true } } },
  });
  if (!original) throw notFound("Run");
  const refusal = replayRefusal(original.status, options.mode, original.triggerKind);
  if (refusal) throw new ApiError(409, refusal);
  const version = await db().workflowVersion.findUnique({
    where: { workflowId_version: { workflowId: original.workflowId, version: original.workflowVersion } },
    select: { document: true },
  });
  if (!version) throw new ApiError(409, "The workflow version this run executed no longer exists");
  const document = version.document as unknown as WorkflowDocument;
  const onPublished = options.version === "published" && original.workflow.version !== original.workflowVersion;
  const workflowVersion = onPublished ? original.workflow.version : original.workflowVersion;

  let seedSteps: SeededStep[] = [];
  let fromNode: string | null = null;
  if (options.mode === "replay") {
    const failedNodeId = (original.error as { nodeId?: string } | null)?.nodeId ?? null;
    const ownPlan = planReplay(document, original.steps, failedNodeId);
    const plan = onPublished ? planReplayOn(original.workflow.document as unknown as WorkflowDocument, document, ownPlan) : ownPlan;
    fromNode = plan.fromNode;
    const byId = new Map(original.steps.map((s) => [s.nodeId, s]));
    seedSteps = plan.reuse.map((nodeId) => {
      const step = byId.get(nodeId)!;
      return { nodeId, nodeType: step.nodeType, input: step.input, output: step.output, branch: step.branch };
    });
  }

  const { runId, duplicate } = await startRun({
    workspaceId: original.workspaceId,
    workflowId: original.workflowId,
    workflowVersion,
    triggerKind: original.triggerKind as TriggerKind,
    trigger: original.trigger,
    idempotencyKey: options.idempotencyKey,
    replayOf: original.id,
    replayFromNode: options.mode === "replay" ? (fromNode ?? undefined) : undefined,
    seedSteps,
  });
  if (!duplicate) {
    safely(() => metrics().replays.inc({ mode: options.mode }));
    if (options.recordAction !== false) {
      await recordRunAction(original.id, options.mode, options.actor, { newRunId: runId, workflowVersion, ...(fromNode ? { fromNode } : {}), reused: seedSteps.map((s) => s.nodeId), ...options.details });
    }
  }
  return { runId, replayOf: original.id, mode: options.mode, workflowVersion, fromNode, reused: seedSteps.map((s) => s.nodeId) };
}

/** At most this many runs per bulk replay request. */
export const BULK_REPLAY_LIMIT = 500;

export interface BulkReplayResult {
  batchId: string;
  queued: string[];
  skipped: { runId: string; reason: string }[];
}

/**
 * Queues replays of many runs: the action is recorded on each run now, and the `replay-batch`
 * function starts the replays a few at a time with pauses (inngest/functions/replay-batch.ts),
 * so a recovered downstream system is not hit by all of them at once. Runs that cannot be
 * replayed, or were replayed already, are skipped with the reason.
 */
export async function queueBulkReplay(workspaceId: string, runIds: string[], mode: ReplayMode, actor: Actor, version: ReplayVersion = "run"): Promise<BulkReplayResult> {
  const unique = [...new Set(runIds)];
  const rows = await db().run.findMany({ where: { id: { in: unique }, workspaceId }, select: { id: true, status: true, triggerKind: true } });
  const replayed = new Set(
    (await db().run.findMany({ where: { replayOf: { in: unique } }, select: { replayOf: true } })).map((r) => r.replayOf!),
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  const skipped: BulkReplayResult["skipped"] = [];
  const queued: string[] = [];
  for (const id of unique) {
    const run = found.get(id);
    const reason = run === undefined ? "Run not found" : (replayRefusal(run.status, mode, run.triggerKind) ?? (replayed.has(id) ? "Already replayed" : null));
    if (reason) skipped.push({ runId: id, reason });
    else queued.push(id);
  }
  const batchId = `batch_${ulid().toLowerCase()}`;
  if (queued.length) {
    await db().$transaction(async (tx) => {
      for (const id of queued) await recordRunAction(id, "bulk-replay", actor, { batchId, mode, version, queuedWith: queued.length }, tx);
    });
    const data: ReplayBatchData = { batchId, runIds: queued, mode, version };
    await inngest.send({ name: REPLAY_BATCH_REQUESTED, id: batchId, data });
  }
  return { batchId, queued, skipped };
}

/** One replay of a queued batch: once per (batch, run), with the new run noted on the run's bulk-replay action. */
export async function replayFromBatch(batchId: string, runId: string, mode: ReplayMode, version: ReplayVersion = "run"): Promise<{ runId: string; newRunId?: string; error?: string }> {
  try {
    const result = await replayRun(runId, { mode, version, actor: { name: "system", ip: null, userAgent: null }, idempotencyKey: `${batchId}:${runId}`, recordAction: false });
    const actions = await db().runAction.findMany({ where: { runId, action: "bulk-replay" }, orderBy: { at: "desc" } });
    const action = actions.find((a) => (a.details as { batchId?: string } | null)?.batchId === batchId);
    if (action) {
      await db().runAction.update({ where: { id: action.id }, data: { details: { ...(action.details as object), newRunId: result.runId, ...(result.fromNode ? { fromNode: result.fromNode } : {}) } } });
    }
    return { runId, newRunId: result.runId };
  } catch (error) {
    // A run deleted or changed since it was queued is reported, not retried.
    if (error instanceof ApiError) return { runId, error: error.message };
    throw error;
  }
}
