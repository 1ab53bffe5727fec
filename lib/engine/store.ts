import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db, dbKind, type Tx } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { afterWrite } from "@/lib/db/after-write";
import { withDeferredWrites } from "@/lib/db/deferred-writes";
import { jsonSql } from "@/lib/db/json-sql";
import { executeAll, queryRows, readBoolean, readJson, readNumber } from "@/lib/db/direct-sql";
import { toJson } from "@/lib/json";
import type { RunUsage } from "./limits";
import type { FunctionConfig, StepState } from "./types";

/**
 * The embedded engine's durable state. Everything that must survive a crash is committed here
 * before it is acknowledged: accepted events, memoized steps, timers (jobs) and waits.
 */

export const FAILED_EVENT = "inngest/function.failed";

export async function registerApp(appId: string, url: string, functions: FunctionConfig[]): Promise<void> {
  await db().$transaction(async (tx) => {
    for (const fn of functions) {
      const fnUrl = fn.steps.step?.runtime.url ?? url;
      await tx.engineFunction.upsert({
        where: { id: fn.id },
        create: { id: fn.id, appId, url: fnUrl, config: toJson(fn) as object },
        update: { appId, url: fnUrl, config: toJson(fn) as object },
      });
    }
    await tx.engineFunction.deleteMany({ where: { appId, id: { notIn: functions.map((f) => f.id) } } });
  });
  functionCache.cache = null;
}

type FunctionCache = { at: number; functions: { id: string; config: FunctionConfig }[] } | null;
// One cache per process, shared by every bundle Next.js builds: an app sync (route bundle) must
// clear the one the worker (instrumentation bundle) reads.
const cacheHolder = globalThis as typeof globalThis & { __switchboardEngineFunctions?: { cache: FunctionCache } };
const functionCache = (cacheHolder.__switchboardEngineFunctions ??= { cache: null });

/** The synced functions, read at most every 5 s (`fresh` reads them now); an app sync clears them. */
export async function registeredFunctions(tx: Tx | ReturnType<typeof db>, { fresh = false } = {}) {
  const cached = functionCache.cache;
  if (!fresh && cached && Date.now() - cached.at < 5000) return cached.functions;
  const rows = await tx.engineFunction.findMany({ select: { id: true, config: true } });
  const functions = rows.map((r) => ({ id: r.id, config: r.config as unknown as FunctionConfig }));
  functionCache.cache = { at: Date.now(), functions };
  return functions;
}

function stepFields(state: StepState) {
  return "error" in state ? { error: toJson(state.error), data: toJson(null) } : { data: toJson({ value: state.data }), error: toJson(null) };
}

/** Records a step's result; the first result recorded for a step is the one that stays. */
export async function memoize(tx: Tx, runId: string, stepId: string, state: StepState): Promise<void> {
  await tx.engineStep.upsert({ where: { runId_stepId: { runId, stepId } }, create: { runId, stepId, ...stepFields(state) }, update: {} });
}

/**
 * Stores the results of steps the SDK ran inline (its checkpoints, one per step), keeping any
 * result recorded first, with the writes the steps left for it (lib/db/deferred-writes.ts). One
 * statement on PostgreSQL: the writes, the insert and a read of the run's status (a result stored
 * for a run that ended meanwhile is never read); on SQLite one transaction whose insert is made
 * only while the run runs. False when the run no longer runs (the SDK stops). With no result it
 * stores the writes left so far (results held for it, lib/db/deferred-writes.ts) and reads the status.
 */
export async function checkpointSteps(runId: string, steps: { id: string; state: StepState }[]): Promise<boolean> {
  const status = Prisma.sql`SELECT "status" FROM "EngineRun" WHERE "id" = ${runId}`;
  const running = async (query: Prisma.Sql) => (await queryRows(query))[0]?.status === "running";
  return withDeferredWrites(async (deferred) => {
    const writes = steps.length ? [...deferred, stepResultsInsert(runId, steps)] : deferred;
    if (!writes.length) return running(status);
    if (dbKind() === "postgresql") return running(afterWrite(writes, status));
    // When every result is new, the insert alone says the run is running.
    const counts = await executeAll(writes);
    return (steps.length > 0 && counts[counts.length - 1] === steps.length) || running(status);
  });
}

/**
 * The statement that stores step results, keeping any result recorded first: on SQLite only while
 * the run is running (so its count tells checkpointSteps so); on PostgreSQL checkpointSteps reads
 * the status in the same statement, and a result stored for a run that ended is never read.
 */
export function stepResultsInsert(runId: string, steps: { id: string; state: StepState }[]): Prisma.Sql {
  const now = new Date();
  const rows = steps.map(({ id, state }) => {
    const [data, error] = "error" in state ? [null, state.error ?? null] : [{ value: state.data }, null];
    return Prisma.sql`(${runId}, ${id}, ${jsonSql(data)}, ${jsonSql(error)}, ${now})`;
  });
  if (dbKind() === "postgresql") {
    return Prisma.sql`INSERT INTO "EngineStep" ("runId", "stepId", "data", "error", "createdAt") VALUES ${Prisma.join(rows)} ON CONFLICT ("runId", "stepId") DO NOTHING`;
  }
  return Prisma.sql`INSERT INTO "EngineStep" ("runId", "stepId", "data", "error", "createdAt") SELECT * FROM (VALUES ${Prisma.join(rows)})
    WHERE EXISTS (SELECT 1 FROM "EngineRun" WHERE "id" = ${runId} AND "status" = 'running') ON CONFLICT ("runId", "stepId") DO NOTHING`;
}

/**
 * The step results a run has stored and their bytes (stored JSON: compact text on SQLite,
 * jsonb's text form on PostgreSQL), leaving out `except` (results about to be stored again).
 * Counted in the database, so no step's data is read into memory.
 */
export async function runUsage(tx: Tx | ReturnType<typeof db>, runId: string, except: string[] = []): Promise<RunUsage> {
  const size = (column: string) =>
    dbKind() === "postgresql" ? Prisma.raw(`COALESCE(SUM(octet_length("${column}"::text)), 0)`) : Prisma.raw(`COALESCE(SUM(octet_length("${column}")), 0)`);
  const others = except.length ? Prisma.sql`AND "stepId" NOT IN (${Prisma.join(except)})` : Prisma.empty;
  const [row] = await tx.$queryRaw<{ steps: number | bigint; data: number | bigint | string; error: number | bigint | string }[]>(
    Prisma.sql`SELECT COUNT(*) AS "steps", ${size("data")} AS "data", ${size("error")} AS "error" FROM "EngineStep" WHERE "runId" = ${runId} ${others}`,
  );
  return { steps: Number(row?.steps ?? 0), bytes: Number(row?.data ?? 0) + Number(row?.error ?? 0) };
}

/**
 * Makes sure a discovery request runs after this transaction. If the run's discovery job is
 * already executing, `rerun` makes it run once more when it finishes (its request may predate
 * the new state).
 */
export async function scheduleDiscovery(tx: Tx, runId: string): Promise<void> {
  await tx.$executeRaw(discoveryUpsert(runId));
}

/** scheduleDiscovery's statement. */
export function discoveryUpsert(runId: string): Prisma.Sql {
  const now = new Date();
  return Prisma.sql`INSERT INTO "EngineJob" ("id", "runId", "kind", "stepId", "attempt", "runAt", "createdAt") VALUES (${newId("job")}, ${runId}, 'discover', '', 0, ${now}, ${now})
    ON CONFLICT ("runId", "kind", "stepId") DO UPDATE SET "rerun" = TRUE, "runAt" = ${now}`;
}

/** Adds a job unless one exists for the same run, kind and step. */
export async function scheduleJob(tx: Tx, job: { runId: string; kind: "step" | "sleep" | "wait"; stepId: string; runAt: Date; attempt?: number }) {
  await tx.engineJob.upsert({
    where: { runId_kind_stepId: { runId: job.runId, kind: job.kind, stepId: job.stepId } },
    create: { id: newId("job"), attempt: 0, ...job },
    update: {},
  });
}

/**
 * Ends a running run as completed and removes what it had pending, as endRun does, without a
 * Prisma transaction (lib/db/direct-sql.ts), for a checkpoint that completes the run. Most runs end
 * through runCompletionWrites instead, with the engine's call to the app. True when it was running.
 */
export async function completeRun(runId: string, output: unknown): Promise<boolean> {
  const [end, ...deletes] = runCompletionWrites(runId, output);
  if (dbKind() === "postgresql") {
    // One statement (one round trip) instead of a transaction of four: its parts commit together.
    const pending = deletes.map((statement, i) => Prisma.sql`${Prisma.raw(`"pending${i}"`)} AS (${statement})`);
    const [row] = await queryRows(Prisma.sql`WITH "ended" AS (${end} RETURNING 1), ${Prisma.join(pending, ", ")} SELECT COUNT(*) AS "ended" FROM "ended"`);
    return readNumber(row?.ended) > 0;
  }
  const [ended] = await executeAll([end, ...deletes]);
  return ended > 0;
}

/** The statements that end a running run as completed: its update (guarded by its status) and the deletes of what it left pending. */
export function runCompletionWrites(runId: string, output: unknown): Prisma.Sql[] {
  return runEndWrites(runId, "completed", { output });
}

/** The statements that end a running run: its update (guarded by its status, so it counts 1 only when it was running) and the deletes of what it left pending. */
export function runEndWrites(runId: string, status: "completed" | "failed" | "cancelled", result: { output?: unknown; error?: unknown } = {}): Prisma.Sql[] {
  const end = Prisma.sql`UPDATE "EngineRun" SET "status" = ${status}, "output" = ${jsonSql(result.output)}, "error" = ${jsonSql(result.error)}, "endedAt" = ${new Date()} WHERE "id" = ${runId} AND "status" = 'running'`;
  return [end, ...pendingDeletes(runId)];
}

/**
 * What executing a job of a run needs: the run (null when it does not exist), whether another
 * step job of it is pending or running, and its stored step results in the order they were stored.
 */
export async function loadJobRun(job: { id: string; runId: string }) {
  const postgres = dbKind() === "postgresql";
  // On PostgreSQL the steps come with the run as one JSON array: one round trip instead of two.
  const stepsColumn = postgres
    ? Prisma.sql`, CASE WHEN "status" = 'running' THEN (SELECT json_agg(json_build_object('stepId', s."stepId", 'data', s."data", 'error', s."error") ORDER BY s."createdAt")
        FROM "EngineStep" s WHERE s."runId" = ${job.runId}) END AS "steps"`
    : Prisma.empty;
  const [row] = await queryRows(
    Prisma.sql`SELECT "id", "functionId", "event", "status", "planned",
      EXISTS (SELECT 1 FROM "EngineJob" WHERE "runId" = ${job.runId} AND "kind" = 'step' AND "id" <> ${job.id}) AS "otherStepJobs" ${stepsColumn}
      FROM "EngineRun" WHERE "id" = ${job.runId}`,
  );
  if (!row) return null;
  const run = { id: row.id as string, functionId: row.functionId as string, event: readJson(row.event), status: row.status as string, planned: readBoolean(row.planned) };
  const stepRows =
    run.status !== "running"
      ? []
      : postgres
        ? ((row.steps as Record<string, unknown>[] | null) ?? [])
        : await queryRows(Prisma.sql`SELECT "stepId", "data", "error" FROM "EngineStep" WHERE "runId" = ${job.runId} ORDER BY "createdAt"`);
  const steps = stepRows.map((s) => {
    const error = readJson(s.error);
    const state: StepState = error !== null ? { error } : { data: (readJson(s.data) as { value: unknown } | null)?.value };
    return { stepId: s.stepId as string, state };
  });
  return { run, otherStepJobs: readBoolean(row.otherStepJobs), steps };
}

/**
 * How the runs started by events with these ids ended, for those that ended without completing:
 * failed (with the error recorded) or cancelled, by event id. The runs that ended so are found by
 * their status's index, the event id read from each.
 */
export async function runsEndedUncompleted(eventIds: string[]): Promise<Map<string, { status: "failed" | "cancelled"; error: unknown }>> {
  if (!eventIds.length) return new Map();
  const eventId = dbKind() === "postgresql" ? Prisma.sql`"event"->>'id'` : Prisma.sql`json_extract("event", '$.id')`;
  const rows = await queryRows(Prisma.sql`SELECT ${eventId} AS "eventId", "status", "error" FROM "EngineRun" WHERE "status" IN ('failed', 'cancelled') AND ${eventId} IN (${Prisma.join(eventIds)})`);
  return new Map(rows.map((row) => [row.eventId as string, { status: row.status as "failed" | "cancelled", error: readJson(row.error) }]));
}

export async function endRun(tx: Tx, runId: string, status: "completed" | "failed" | "cancelled", result: { output?: unknown; error?: unknown } = {}) {
  const [end, ...deletes] = runEndWrites(runId, status, result);
  const count = await tx.$executeRaw(end);
  for (const statement of deletes) await tx.$executeRaw(statement);
  return count > 0;
}

/** What an ended run leaves pending (its jobs, waits and cancel matchers), removed with its end. */
function pendingDeletes(runId: string): Prisma.Sql[] {
  return [
    Prisma.sql`DELETE FROM "EngineJob" WHERE "runId" = ${runId}`,
    Prisma.sql`DELETE FROM "EngineWait" WHERE "runId" = ${runId}`,
    Prisma.sql`DELETE FROM "EngineCancel" WHERE "runId" = ${runId}`,
  ];
}
