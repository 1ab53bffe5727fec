import Database from "better-sqlite3";
import { db, dbKind } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { IDEMPOTENCY_WINDOW_MS, WEBHOOK_DEDUP_SCOPE_PREFIX } from "@/lib/idempotency";
import { MAX_DEDUP_WINDOW_HOURS } from "@/lib/nodes/trigger-webhook";
import { metrics, safely } from "@/lib/metrics";
import { getSettings } from "@/lib/settings";
import { TERMINAL_RUN_STATUSES } from "./status";

/**
 * Retention: finished runs that ended more than `retentionDays` (a workspace setting, default 30) ago are
 * deleted with their steps, attempts and actions (foreign keys cascade), a batch at a time with
 * a pause in between so the app keeps serving; the embedded engine's bookkeeping of runs that
 * ended before the same cutoff and expired idempotency records go too. On SQLite the freed pages
 * are then returned to the file system (incremental auto-vacuum), so the file shrinks.
 */
export const RETENTION_BATCH_SIZE = 300;
const PAUSE_MS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_INTERVAL_MS = 60 * 60 * 1000;

export interface RetentionPass {
  startedAt: string;
  endedAt: string;
  cutoff: string;
  retentionDays: number;
  deletedRuns: number;
  deletedEngineRuns: number;
}

interface RetentionState {
  timer?: NodeJS.Timeout;
  running?: Promise<RetentionPass>;
  last?: RetentionPass;
  lastError?: string;
  nextAt?: string;
}

const holder = globalThis as typeof globalThis & { __switchboardRetention?: RetentionState };
const state = (holder.__switchboardRetention ??= {});

export function retentionStatus() {
  return { running: Boolean(state.running), last: state.last ?? null, lastError: state.lastError ?? null, nextAt: state.nextAt ?? null };
}

/** Runs one pass now (or joins the one in progress). */
export function runRetention(options: { now?: Date; pauseMs?: number } = {}): Promise<RetentionPass> {
  state.running ??= retentionPass(options).finally(() => (state.running = undefined));
  return state.running;
}

async function retentionPass({ now = new Date(), pauseMs = PAUSE_MS }: { now?: Date; pauseMs?: number }): Promise<RetentionPass> {
  const startedAt = new Date();
  // Each workspace keeps its runs as long as its setting says; the engine's bookkeeping is shared, so it is kept for the longest.
  const workspaces = [...new Set(["default", ...(await db().workspace.findMany({ select: { id: true } })).map((w) => w.id)])];
  const perWorkspace = await Promise.all(workspaces.map(async (workspaceId) => ({ workspaceId, days: (await getSettings(workspaceId)).retentionDays })));
  const retentionDays = Math.max(...perWorkspace.map((w) => w.days));
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  try {
    let deletedRuns = 0;
    for (const { workspaceId, days } of perWorkspace) deletedRuns += await deleteRuns(workspaceId, new Date(now.getTime() - days * DAY_MS), pauseMs);
    const deletedEngineRuns = await deleteInBatches(pauseMs, async () => {
      const batch = await db().engineRun.findMany({ where: { status: { not: "running" }, endedAt: { lt: cutoff } }, select: { id: true }, take: RETENTION_BATCH_SIZE });
      if (!batch.length) return 0;
      const ids = batch.map((r) => r.id);
      await db().$transaction([db().engineStep.deleteMany({ where: { runId: { in: ids } } }), db().engineRun.deleteMany({ where: { id: { in: ids } } })]);
      return ids.length;
    });
    await db().engineEvent.deleteMany({ where: { receivedAt: { lt: new Date(Math.min(cutoff.getTime(), now.getTime() - IDEMPOTENCY_WINDOW_MS)) } } });
    await db().idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS) }, NOT: { scope: { startsWith: WEBHOOK_DEDUP_SCOPE_PREFIX } } } });
    await db().idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - MAX_DEDUP_WINDOW_HOURS * 3_600_000) }, scope: { startsWith: WEBHOOK_DEDUP_SCOPE_PREFIX } } });
    if (deletedRuns + deletedEngineRuns > 0 && dbKind() === "sqlite") await shrinkSqlite();
    const pass: RetentionPass = { startedAt: startedAt.toISOString(), endedAt: new Date().toISOString(), cutoff: cutoff.toISOString(), retentionDays, deletedRuns, deletedEngineRuns };
    state.last = pass;
    state.lastError = undefined;
    return pass;
  } catch (error) {
    state.lastError = (error as Error).message;
    throw error;
  }
}

async function deleteRuns(workspaceId: string, cutoff: Date, pauseMs: number): Promise<number> {
  return deleteInBatches(pauseMs, async () => {
    const batch = await db().run.findMany({
      where: { workspaceId, status: { in: [...TERMINAL_RUN_STATUSES] }, endedAt: { lt: cutoff } },
      select: { id: true },
      orderBy: { endedAt: "asc" },
      take: RETENTION_BATCH_SIZE,
    });
    if (!batch.length) return 0;
    const { count } = await db().run.deleteMany({ where: { id: { in: batch.map((r) => r.id) } } });
    safely(() => metrics().retentionDeleted.inc(count));
    return count;
  });
}

async function deleteInBatches(pauseMs: number, deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await deleteBatch();
    total += count;
    if (count < RETENTION_BATCH_SIZE) return total;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/** Gives freed pages back to the file system and truncates the write-ahead log. */
async function shrinkSqlite() {
  await db().$queryRawUnsafe("PRAGMA incremental_vacuum");
  await db().$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}

/**
 * Switches a SQLite database to incremental auto-vacuum, once: the mode only takes effect after a
 * VACUUM, which rewrites the file (quick on a new database; on a large old one it runs once, at
 * this start). Runs before the app opens its own connection.
 */
export function prepareSqliteStorage(file = databaseConfig().file): void {
  if (!file) return;
  const sqlite = new Database(file, { timeout: 10_000 });
  try {
    if (sqlite.pragma("auto_vacuum", { simple: true }) === 2) return;
    sqlite.pragma("auto_vacuum = INCREMENTAL");
    sqlite.exec("VACUUM");
  } finally {
    sqlite.close();
  }
}

/** Starts the hourly retention job in this process (SWITCHBOARD_RETENTION_INTERVAL_MS to change; 0 turns it off). */
export function startRetentionJob(): void {
  if (state.timer) return;
  const interval = process.env.SWITCHBOARD_RETENTION_INTERVAL_MS === undefined ? DEFAULT_INTERVAL_MS : Number(process.env.SWITCHBOARD_RETENTION_INTERVAL_MS);
  if (!Number.isFinite(interval) || interval <= 0) return;
  const schedule = (delay: number) => {
    state.nextAt = new Date(Date.now() + delay).toISOString();
    state.timer = setTimeout(() => void runPass(), delay);
    state.timer.unref();
  };
  const runPass = async () => {
    try {
      const pass = await runRetention();
      if (pass.deletedRuns) console.log(`[retention] deleted ${pass.deletedRuns} runs that ended before ${pass.cutoff}`);
    } catch (error) {
      console.error("[retention] failed", error);
    }
    if (state.timer) schedule(interval);
  };
  // The first pass waits a minute, so it does not compete with the start.
  schedule(Math.min(60_000, interval));
}

/** Stops the hourly job; a pass in progress finishes (it deletes in small transactions). */
export async function stopRetentionJob(): Promise<void> {
  clearTimeout(state.timer);
  state.timer = undefined;
  state.nextAt = undefined;
  await state.running?.catch(() => undefined);
}
