import { inngest } from "@/inngest/client";
import { RUN_SLOT_RELEASED } from "@/inngest/events";
import { db, dbKind } from "@/lib/db/client";
import { executeAll, queryRows, readNumber, readOptionalDate } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { countRunStatus } from "./history";
import { holdRunStart, runStartUpdate } from "./run-row-writes";

/**
 * Where a run stands after asking to start; `startedNow` when this call is the one that started it
 * (or, on the embedded engine, holds its start: lib/runs/run-row-writes.ts).
 */
export type StartState = { state: "running"; startedAt: string; deadline: string | null; startedNow?: boolean } | { state: "queued" } | { state: "ended" };

/**
 * What a run's start writes besides the run itself, in the same transaction and only when this
 * call is the one that starts it (the trigger's run-history row: lib/runs/history.ts). Each
 * statement selects its rows `FROM` the table expression it is given, which holds one row when
 * the run is started now; `onStarted` runs once it was, or once its start is held to be written
 * with the call's next store (then a run cancelled before that store counts as started).
 */
export interface StartWrites {
  statements(started: Prisma.Sql): Prisma.Sql[];
  onStarted?(): void;
}

export interface RunStart {
  runId: string;
  workflowId: string;
  /** The workflow's concurrency limit, if it has one. */
  limit: number | undefined;
  timeoutMs: number | undefined;
  writes?: StartWrites;
  /** The run's status and start as the caller read them just now, if it did (used without a limit, where starting needs no transaction). */
  known?: { status: string; startedAt: Date | null };
}

/**
 * Moves a queued run to running, unless its workflow is at its concurrency limit: then the run
 * stays queued (oldest first) until a running one ends. Idempotent: a run already running
 * answers with its original start.
 */
export async function startRunIfSlotFree(start: RunStart): Promise<StartState> {
  const state = await claimSlot(start);
  if (state.state === "running" && state.startedNow) {
    start.writes?.onStarted?.();
    await countRunStatus(start.runId, "running", start.workflowId);
  }
  return state;
}

async function claimSlot({ runId, limit, timeoutMs, writes, known }: RunStart): Promise<StartState> {
  if (!limit) {
    const read = known && startedOrEnded(known, timeoutMs);
    if (read) return read;
    const startedAt = new Date();
    // Found queued in the embedded engine's call: the start is written with what the call stores
    // next, or as one update with the run's completion when the call ends it (lib/runs/run-row-writes.ts).
    if (known && holdRunStart(runId, startedAt, writes)) return { ...running(startedAt, timeoutMs), startedNow: true };
    // No limit to check: a queued run starts with one conditional update (and its writes, in one
    // statement on PostgreSQL: one round trip).
    const update = runStartUpdate(runId, startedAt);
    let startedNow: boolean;
    if (dbKind() === "postgresql") {
      const written = (writes?.statements(Prisma.sql`"started"`) ?? []).map((statement, i) => Prisma.sql`${Prisma.raw(`"write${i}"`)} AS (${statement})`);
      const parts = [Prisma.sql`"started" AS (${update} RETURNING 1)`, ...written];
      const [row] = await queryRows(Prisma.sql`WITH ${Prisma.join(parts, ", ")} SELECT COUNT(*) AS "started" FROM "started"`);
      startedNow = readNumber(row?.started) > 0;
    } else {
      const ours = Prisma.sql`(SELECT 1 FROM "Run" WHERE "id" = ${runId} AND "status" = 'running' AND "startedAt" = ${startedAt}) AS "started"`;
      const [updated] = await executeAll([update, ...(writes?.statements(ours) ?? [])]);
      startedNow = updated > 0;
    }
    if (startedNow) return { ...running(startedAt, timeoutMs), startedNow };
    // Already started: every entry of a run's function after its first asks again.
    const [run] = await queryRows(Prisma.sql`SELECT "status", "startedAt" FROM "Run" WHERE "id" = ${runId}`);
    return (run && startedOrEnded({ status: run.status as string, startedAt: readOptionalDate(run.startedAt) }, timeoutMs)) ?? { state: "ended" };
  }
  return db().$transaction(async (tx): Promise<StartState> => {
    const run = await tx.run.findUnique({ where: { id: runId }, select: { workflowId: true, status: true, startedAt: true } });
    if (!run) return { state: "ended" };
    const read = startedOrEnded(run, timeoutMs);
    if (read) return read;
    // Serialise slot claims of one workflow (SQLite transactions are serial already).
    if (dbKind() === "postgresql") await tx.$queryRawUnsafe(`SELECT "id" FROM "Workflow" WHERE "id" = $1 FOR UPDATE`, run.workflowId);
    // Loop chunks run in their parent's slot.
    const busy = await tx.run.count({ where: { workflowId: run.workflowId, status: "running", triggerKind: { not: "loop" } } });
    const ahead = await tx.run.count({ where: { workflowId: run.workflowId, status: "queued", triggerKind: { not: "loop" }, id: { lt: runId } } });
    if (busy + ahead >= limit) return { state: "queued" };
    const startedAt = new Date();
    await tx.run.update({ where: { id: runId }, data: { status: "running", startedAt } });
    for (const statement of writes?.statements(Prisma.sql`(SELECT 1) AS "started"`) ?? []) await tx.$executeRaw(statement);
    return { ...running(startedAt, timeoutMs), startedNow: true };
  });
}

/** Where a run read with this status stands: running since its start, or ended; null while it is queued. */
function startedOrEnded(run: { status: string; startedAt: Date | null }, timeoutMs: number | undefined): StartState | null {
  if (run.status === "queued") return null;
  return run.status === "running" && run.startedAt ? running(run.startedAt, timeoutMs) : { state: "ended" };
}

function running(startedAt: Date, timeoutMs: number | undefined): { state: "running"; startedAt: string; deadline: string | null } {
  return { state: "running", startedAt: startedAt.toISOString(), deadline: timeoutMs ? new Date(startedAt.getTime() + timeoutMs).toISOString() : null };
}

/** Tells queued runs of a workflow with a concurrency limit that a slot is free. */
export async function releaseSlot(workflowId: string, limit: number | undefined): Promise<void> {
  if (limit) await inngest.send({ name: RUN_SLOT_RELEASED, data: { workflowId } });
}
