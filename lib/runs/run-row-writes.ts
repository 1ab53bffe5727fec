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
 * (every index of Run is written at each). Left alone, each is written as it would have been
 * without the engine: both updates are guarded by the status they leave, so a run cancelled
 * meanwhile stays cancelled.
 */
interface RunRowWrite {
  runId: string;
  start?: { startedAt: Date; writes?: StartWrites };
  completion?: { output: unknown; endedAt: Date };
}

const runRow: KeyedWrites<RunRowWrite> = {
  statements({ runId, start, completion }) {
    // The start's own writes (the trigger's run history) are made exactly when this statement
    // finds the run queued: before the update, or in its snapshot on PostgreSQL.
    const queued = Prisma.sql`(SELECT 1 FROM "Run" WHERE "id" = ${runId} AND "status" = 'queued') AS "started"`;
    const startWrites = start?.writes?.statements(queued) ?? [];
    if (start && completion) {
      return [
        ...startWrites,
        Prisma.sql`UPDATE "Run" SET "status" = 'completed', "startedAt" = ${start.startedAt}, "output" = ${jsonSql(completion.output)}, "endedAt" = ${completion.endedAt}
          WHERE "id" = ${runId} AND "status" = 'queued'`,
      ];
    }
    if (start) return [...startWrites, runStartUpdate(runId, start.startedAt)];
    return completion ? [runCompletionUpdate(runId, completion.output, completion.endedAt)] : [];
  },
  combine: (earlier, later) => ({ runId: earlier.runId, start: earlier.start ?? later.start, completion: later.completion ?? earlier.completion }),
};

/** The update that starts a queued run. */
export function runStartUpdate(runId: string, startedAt: Date): Prisma.Sql {
  return Prisma.sql`UPDATE "Run" SET "status" = 'running', "startedAt" = ${startedAt} WHERE "id" = ${runId} AND "status" = 'queued'`;
}

/** The update that completes a run unless it ended already. */
export function runCompletionUpdate(runId: string, output: unknown, endedAt: Date): Prisma.Sql {
  return Prisma.sql`UPDATE "Run" SET "status" = 'completed', "output" = ${jsonSql(output)}, "endedAt" = ${endedAt}
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
