import type { TestServer } from "../../tests/support/server";
import { sql } from "../../tests/support/sql";
import { waitFor } from "../../tests/support/wait";

/**
 * Runs' state read straight from the server's database: benches poll this instead of the runs API
 * so that their own polling does not load the server they measure (a runs API request costs the
 * server more CPU than a short run does).
 */

/** A workflow's runs by status (or only its unfinished ones). */
export async function runCounts(server: TestServer, workflowId: string, { unfinished = false } = {}): Promise<Record<string, number>> {
  // Only the queued and running ones, while waiting for them to finish: read off the (workflowId,
  // status, id) index without counting the finished ones each time (on PostgreSQL that count cost
  // about 37 ms of its CPU per poll once 5,000 runs had finished, charged to the runs measured).
  const open = unfinished ? ` AND "status" IN ('queued', 'running')` : "";
  const rows = await sql(server.database, `SELECT status, COUNT(*) AS n FROM "Run" WHERE "workflowId" = $1${open} GROUP BY status`, [workflowId]);
  return Object.fromEntries(rows.map((r) => [r.status as string, Number(r.n)]));
}

export const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const FINISHED = ["completed", "failed", "cancelled"];

/** Resolves once the run has finished, looking every few milliseconds. */
export async function runFinished(server: TestServer, runId: string): Promise<void> {
  await waitFor(
    async () => {
      const [run] = await sql(server.database, `SELECT status FROM "Run" WHERE "id" = $1`, [runId]);
      return run && FINISHED.includes(run.status as string);
    },
    { timeoutMs: 90_000, intervalMs: 5, what: `run ${runId} to finish` },
  );
}
