import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db } from "@/lib/db/client";
import { jsonSql } from "@/lib/db/json-sql";
import { deferWrites, mayHoldResult } from "@/lib/db/deferred-writes";
import { executeAll, queryRows, readJson, writeTogether } from "@/lib/db/direct-sql";
import { toJson, type SerializedError } from "@/lib/json";
import { metrics, safely } from "@/lib/metrics";
import type { StartWrites } from "./concurrency";
import { holdRunCompletion, runCompletionUpdate } from "./run-row-writes";
import { TERMINAL_RUN_STATUSES, type RunStatus } from "./status";

/**
 * Run history writes, made from inside the workflow function's steps so they happen once per
 * attempt on either engine. A run that reached a terminal state (e.g. cancelled by an operator)
 * keeps it: later writes from steps already in flight do not resurrect it.
 *
 * Besides the one StepRun row per node (its latest state), every attempt, sleep and wait gets a
 * StepAttempt row: the bars of the run's timeline.
 */

const notTerminal = { status: { notIn: [...TERMINAL_RUN_STATUSES] } };
type NodeRef = { id: string; type: string };
/** A run, and its workflow when the caller knows it (saves reading it for the runs metric). */
type RunRef = { id: string; workflowId?: string };
const OPEN_ATTEMPT_STATUSES = ["running", "sleeping", "waiting"];

/**
 * Records the run as completed unless it already ended; true when this call completed it. With
 * `leaveToCheckpoint` the update is left to the embedded engine, written with the calling step's
 * result when it can be (lib/db/deferred-writes.ts), and with the run's start when that is left
 * too (lib/runs/run-row-writes.ts), for callers that act on nothing after it: the answer
 * is then null (not known yet), and the runs metric counts it as completed before it is stored (a
 * cancel in that same instant keeps the run cancelled in run history; a step run again after a
 * crash counts it again).
 */
export async function markRunCompleted(run: RunRef, output: unknown, skippedNodes: SkippedNode[], { leaveToCheckpoint = false } = {}): Promise<boolean | null> {
  await recordSkipped(run.id, skippedNodes);
  if (leaveToCheckpoint && holdRunCompletion(run.id, output)) {
    // Nothing acts on it: its step's result may be stored with the engine's end of the run too.
    mayHoldResult();
    await countRunStatus(run.id, "completed", run.workflowId);
    return null;
  }
  const [count] = await executeAll([runCompletionUpdate(run.id, output, new Date())]);
  if (count) await countRunStatus(run.id, "completed", run.workflowId);
  return count > 0;
}

export async function markRunFailed(run: RunRef, error: SerializedError): Promise<boolean> {
  const { count } = await db().run.updateMany({ where: { id: run.id, ...notTerminal }, data: { status: "failed", error: toJson(error), endedAt: new Date() } });
  if (count) await countRunStatus(run.id, "failed", run.workflowId);
  return count > 0;
}

export async function markRunCancelled(runId: string): Promise<boolean> {
  const now = new Date();
  const { count } = await db().run.updateMany({ where: { id: runId, ...notTerminal }, data: { status: "cancelled", endedAt: now } });
  if (count) {
    await db().stepRun.updateMany({
      where: { runId, status: { in: ["running", "retrying", "sleeping", "waiting"] } },
      data: { status: "cancelled", endedAt: now },
    });
    await db().stepAttempt.updateMany({ where: { runId, endedAt: null }, data: { status: "cancelled", endedAt: now } });
    await countRunStatus(runId, "cancelled");
  }
  return count > 0;
}

/** Counts a run reaching a status in the runs metric (by workflow). */
export async function countRunStatus(runId: string, status: RunStatus, workflowId?: string): Promise<void> {
  const id = workflowId ?? (await db().run.findUnique({ where: { id: runId }, select: { workflowId: true } }))?.workflowId;
  if (id) safely(() => metrics().runs.inc({ workflow_id: id, status }));
}

/** The nodes of a run that have a row in run history, with their status: one read for a whole request of a run. */
export async function stepRunStatuses(runId: string): Promise<Map<string, string>> {
  const rows = await queryRows(Prisma.sql`SELECT "nodeId", "status" FROM "StepRun" WHERE "runId" = ${runId}`);
  return new Map(rows.map((row) => [row.nodeId as string, row.status as string]));
}

export async function findStepRun(runId: string, nodeId: string) {
  const [row] = await queryRows(Prisma.sql`SELECT "status", "output", "branch" FROM "StepRun" WHERE "runId" = ${runId} AND "nodeId" = ${nodeId}`);
  return row ? { status: row.status as string, output: readJson(row.output), branch: (row.branch as string | null) ?? null } : null;
}

export async function recordStepStarted(
  runId: string,
  node: NodeRef,
  attempt: number,
  input: unknown,
  status: "running" | "sleeping" | "waiting" = "running",
  output?: unknown,
  /** When it started, if the caller already used the time (a sleep's wake time is computed from it). */
  now = new Date(),
) {
  const kind = status === "sleeping" ? "sleep" : status === "waiting" ? "wait" : "attempt";
  const key = { runId, nodeId: node.id, kind, attempt };
  await db().$transaction([
    db().stepRun.upsert({
      where: { runId_nodeId: { runId, nodeId: node.id } },
      create: { runId, nodeId: node.id, nodeType: node.type, status, attempts: attempt, startedAt: now, input: toJson(input), output: toJson(output) },
      update: { status, attempts: attempt, input: toJson(input), output: toJson(output), endedAt: null },
    }),
    db().stepAttempt.upsert({
      where: { runId_nodeId_kind_attempt: key },
      create: { ...key, nodeType: node.type, status, startedAt: now },
      update: { status, startedAt: now, endedAt: null, error: toJson(null) },
    }),
  ]);
}

export async function recordStepCompleted(runId: string, nodeId: string, output: unknown, branch?: string | string[]) {
  const now = new Date();
  const open = await openAttempt(runId, nodeId);
  await db().$transaction([
    db().stepRun.update({
      where: { runId_nodeId: { runId, nodeId } },
      data: { status: "completed", output: toJson(output), branch: branch === undefined ? null : [branch].flat().join(","), error: toJson(null), endedAt: now },
    }),
    ...(open ? [db().stepAttempt.update({ where: { runId_nodeId_kind_attempt: open.key }, data: { status: "completed", endedAt: now } })] : []),
  ]);
  if (open?.key.kind === "attempt") observeAttempt(open.nodeType, "completed", now.getTime() - open.startedAt.getTime());
}

/** A node of a trial run that output its pinned data instead of running: completed, with one "pinned" entry on its timeline. */
export async function recordStepPinned(runId: string, node: NodeRef, input: unknown, output: unknown, branch: string | undefined) {
  const now = new Date();
  const row = { status: "completed", attempts: 0, input: toJson(input), output: toJson(output), branch: branch ?? null, error: toJson(null), startedAt: now, endedAt: now };
  const key = { runId, nodeId: node.id, kind: "pinned", attempt: 1 };
  await db().$transaction([
    db().stepRun.upsert({ where: { runId_nodeId: { runId, nodeId: node.id } }, create: { runId, nodeId: node.id, nodeType: node.type, ...row }, update: row }),
    db().stepAttempt.upsert({
      where: { runId_nodeId_kind_attempt: key },
      create: { ...key, nodeType: node.type, status: "completed", startedAt: now, endedAt: now },
      update: {},
    }),
  ]);
}

/** What a long step has done so far (an agent's conversation), shown while it goes on; a step that retried is running again. */
export async function recordStepProgress(runId: string, nodeId: string, output: unknown) {
  await db().stepRun.updateMany({ where: { runId, nodeId, status: { in: ["running", "retrying"] } }, data: { status: "running", output: toJson(output), error: toJson(null) } });
}

/** An attempt whose start the caller holds in memory (lib/execution/attempt-history.ts). */
export interface AttemptStart {
  node: NodeRef;
  attempt: number;
  input: unknown;
  startedAt: Date;
}

export type AttemptEnd = { status: "completed"; output: unknown; branch?: string | string[] } | { status: "failed" | "retrying"; error: SerializedError };

/**
 * Writes how an attempt ended, in one transaction: creates the step's rows when its start was
 * never written (a short attempt), updates them otherwise.
 */
export async function recordAttemptEnded(runId: string, start: AttemptStart, end: AttemptEnd) {
  const now = new Date();
  const { node, attempt, startedAt } = start;
  const completed = end.status === "completed";
  const step = {
    status: end.status,
    output: completed ? end.output : null,
    branch: completed && end.branch !== undefined ? [end.branch].flat().join(",") : null,
    error: completed ? null : end.error,
    endedAt: end.status === "retrying" ? null : now,
  };
  const attemptStatus = completed ? "completed" : "failed";
  // Raw upserts: this runs once per step, and Prisma's upsert cost more than the step itself.
  const stepRun = Prisma.sql`INSERT INTO "StepRun" ("runId", "nodeId", "nodeType", "startedAt", "status", "attempts", "input", "output", "branch", "error", "endedAt")
    VALUES (${runId}, ${node.id}, ${node.type}, ${startedAt}, ${step.status}, ${attempt}, ${jsonSql(start.input)}, ${jsonSql(step.output)}, ${step.branch}, ${jsonSql(step.error)}, ${step.endedAt})
    ON CONFLICT ("runId", "nodeId") DO UPDATE SET "status" = excluded."status", "attempts" = excluded."attempts", "input" = excluded."input",
      "output" = excluded."output", "branch" = excluded."branch", "error" = excluded."error", "endedAt" = excluded."endedAt"`;
  const stepAttempt = Prisma.sql`INSERT INTO "StepAttempt" ("runId", "nodeId", "kind", "attempt", "nodeType", "startedAt", "status", "endedAt", "error")
    VALUES (${runId}, ${node.id}, ${"attempt"}, ${attempt}, ${node.type}, ${startedAt}, ${attemptStatus}, ${now}, ${jsonSql(step.error)})
    ON CONFLICT ("runId", "nodeId", "kind", "attempt") DO UPDATE SET "status" = excluded."status", "endedAt" = excluded."endedAt", "error" = excluded."error"`;
  // A completed attempt's rows are committed with the step's result when the embedded engine stores it.
  if (!(completed && deferWrites([stepRun, stepAttempt]))) await writeTogether([stepRun, stepAttempt]);
  observeAttempt(node.type, end.status, now.getTime() - startedAt.getTime());
}

/**
 * A trigger node's run-history rows, written with its run's start (lib/runs/concurrency.ts): a
 * trigger outputs the run's trigger payload, which is stored with the run already, so it runs no
 * step of its own. Completed at the start, one attempt; a row already there (a replay's reused
 * trigger) is kept.
 */
export function triggerStepWrites(runId: string, node: NodeRef, input: unknown, output: unknown): StartWrites {
  const now = new Date();
  return {
    statements: (started) => [
      Prisma.sql`INSERT INTO "StepRun" ("runId", "nodeId", "nodeType", "startedAt", "status", "attempts", "input", "output", "branch", "error", "endedAt")
        SELECT ${runId}, ${node.id}, ${node.type}, ${now}, 'completed', 1, ${jsonSql(input)}, ${jsonSql(output)}, NULL, NULL, ${now} FROM ${started} WHERE true
        ON CONFLICT ("runId", "nodeId") DO NOTHING`,
      Prisma.sql`INSERT INTO "StepAttempt" ("runId", "nodeId", "kind", "attempt", "nodeType", "startedAt", "status", "endedAt", "error")
        SELECT ${runId}, ${node.id}, 'attempt', 1, ${node.type}, ${now}, 'completed', ${now}, NULL FROM ${started} WHERE true
        ON CONFLICT ("runId", "nodeId", "kind", "attempt") DO NOTHING`,
    ],
    onStarted: () => observeAttempt(node.type, "completed", 0),
  };
}

/** Records a failed attempt; `final` when no attempt follows. Creates the rows if the attempt failed before it started. */
export async function recordStepFailed(runId: string, node: NodeRef, attempt: number, error: SerializedError, final: boolean) {
  const status = final ? "failed" : "retrying";
  const now = new Date();
  const open = await openAttempt(runId, node.id);
  const key = open?.key ?? { runId, nodeId: node.id, kind: "attempt", attempt };
  await db().$transaction([
    db().stepRun.upsert({
      where: { runId_nodeId: { runId, nodeId: node.id } },
      create: { runId, nodeId: node.id, nodeType: node.type, status, attempts: attempt, startedAt: now, error: toJson(error), endedAt: final ? now : null },
      update: { status, attempts: attempt, error: toJson(error), endedAt: final ? now : null },
    }),
    db().stepAttempt.upsert({
      where: { runId_nodeId_kind_attempt: key },
      create: { ...key, nodeType: node.type, status: "failed", startedAt: now, endedAt: now, error: toJson(error) },
      update: { status: "failed", endedAt: now, error: toJson(error) },
    }),
  ]);
  observeAttempt(node.type, final ? "failed" : "retrying", open ? now.getTime() - open.startedAt.getTime() : 0);
}

/** The step's attempt, sleep or wait that has not ended yet (the latest one). */
async function openAttempt(runId: string, nodeId: string) {
  const row = await db().stepAttempt.findFirst({
    where: { runId, nodeId, endedAt: null, status: { in: OPEN_ATTEMPT_STATUSES } },
    orderBy: { startedAt: "desc" },
    select: { kind: true, attempt: true, nodeType: true, startedAt: true },
  });
  return row && { key: { runId, nodeId, kind: row.kind, attempt: row.attempt }, nodeType: row.nodeType, startedAt: row.startedAt };
}

function observeAttempt(nodeType: string, outcome: "completed" | "failed" | "retrying", ms: number) {
  safely(() => {
    const m = metrics();
    m.stepAttempts.inc({ node_type: nodeType, outcome });
    m.stepDuration.observe({ node_type: nodeType, outcome }, Math.max(0, ms) / 1000);
    if (outcome === "retrying") m.retries.inc({ node_type: nodeType });
  });
}

/** A node that did not run: its branch was not taken, or (with a `reason`) it is disabled and passed `output` through. */
export type SkippedNode = NodeRef & { reason?: string; output?: unknown };

async function recordSkipped(runId: string, nodes: SkippedNode[]) {
  if (!nodes.length) return;
  await db().$transaction(
    nodes.map((n) => {
      const detail = { skipReason: n.reason ?? null, ...(n.reason ? { output: toJson(n.output) } : {}) };
      return db().stepRun.upsert({
        where: { runId_nodeId: { runId, nodeId: n.id } },
        create: { runId, nodeId: n.id, nodeType: n.type, status: "skipped", ...detail },
        update: { status: "skipped", ...detail },
      });
    }),
  );
}
