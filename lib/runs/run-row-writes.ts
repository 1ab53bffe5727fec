import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { deferKeyed, type KeyedWrites } from "@/lib/db/deferred-writes";
import { jsonSql } from "@/lib/db/json-sql";
import type { StartWrites } from "./concurrency";
import { TERMINAL_RUN_STATUSES } from "./status";

/**
 * A run's start and completion left to the embedded engine's call (lib/db/deferred-writes.ts)
 * are written as one: when both are left, the run goes from queued to completed in one update of
 * its row, in the commit that stores its last steps. A run that ends within its first call then
 * makes one commit instead of two, and on PostgreSQL its row gets one new version instead of two
 * (every index of Run is written at each). Each update is guarded as it was on its own: the start
 * applies to a queued run, the completion to a run that has not ended, so a run cancelled
 * meanwhile stays cancelled, and a run another call started meanwhile is still completed.
 */
interface RunRowWrite {
  runId: string;
  start?: { startedAt: Date; writes?: StartWrites };
  completion?: { output: unknown; endedAt: Date };
}

const runRow: KeyedWrites<RunRowWrite> = {
  statements({ runId, start, completion }) {
    // The start's own writes (the trigger's run history) are made when the statement finds the run
    // queued: before the update on SQLite, in the statement's snapshot on PostgreSQL (where a cancel
    // committing at that instant can leave them on the cancelled run).
    const stillQueued = Prisma.sql`(SELECT 1 FROM "Run" WHERE "id" = ${runId} AND "status" = 'queued') AS "started"`;
    const startWrites = start?.writes?.statements(stillQueued) ?? [];
    if (completion) return [...startWrites, runCompletionUpdate(runId, completion.output, completion.endedAt, start?.startedAt)];
    return start ? [...startWrites, runStartUpdate(runId, start.startedAt)] : [];
  },
  // A run is started once per call: a second start left for it (none is) would keep the first.
  combine: (earlier, later) => ({ runId: earlier.runId, start: earlier.start ?? later.start, completion: later.completion ?? earlier.completion }),
};

/** The update that starts a queued run. */
export function runStartUpdate(runId: string, startedAt: Date): Prisma.Sql {
  return Prisma.sql`UPDATE "Run" SET "status" = 'running', "startedAt" = ${startedAt} WHERE "id" = ${runId} AND "status" = 'queued'`;
}

/** The update that completes a run unless it ended already; with `startedAt`, a run not started yet is started then too. */
export function runCompletionUpdate(runId: string, output: unknown, endedAt: Date, startedAt?: Date): Prisma.Sql {
  const started = startedAt ? Prisma.sql`, "startedAt" = COALESCE("startedAt", ${startedAt})` : Prisma.empty;
  return Prisma.sql`UPDATE "Run" SET "status" = 'completed', "output" = ${jsonSql(output)}, "endedAt" = ${endedAt}${started}
      WHERE "id" = ${runId} AND "status" NOT IN (${Prisma.join([...TERMINAL_RUN_STATUSES])})`;
}

/** Leaves a queued run's start (and its writes) to the engine's call; false when the caller must write it. */
export function holdRunStart(runId: string, startedAt: Date, writes: StartWrites | undefined): boolean {
  return deferKeyed(runRow, runId, { runId, start: { startedAt, writes } });
}

/** Leaves a run's completion to the engine's call, with its start when that is left too; false when the caller must write it. */
export function holdRunCompletion(runId: string, output: unknown): boolean {
  return deferKeyed(runRow, runId, { runId, completion: { output, endedAt: new Date() } });
}
