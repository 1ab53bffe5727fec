import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import type { TestServer } from "../../tests/support/server";

/**
 * Runs' state read straight from the server's database (read-only on SQLite): benches poll this
 * instead of the runs API so that their own polling does not load the server they measure (a
 * runs API request costs the server more CPU than a short run does).
 */
async function readRows<T>(server: TestServer, sql: string, params: unknown[]): Promise<T[]> {
  if (server.database.kind === "sqlite") {
    const sqlite = new Database(path.join(server.database.dataDir, "switchboard.db"), { readonly: true, fileMustExist: true });
    try {
      return sqlite.prepare(sql.replace(/\$\d+/g, "?")).all(...params) as T[];
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: server.database.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A workflow's runs by status (or only its unfinished ones). */
export async function runCounts(server: TestServer, workflowId: string, { unfinished = false } = {}): Promise<Record<string, number>> {
  // Only the queued and running ones, while waiting for them to finish: read off the (workflowId,
  // status, id) index without counting the finished ones each time (on PostgreSQL that count cost
  // about 37 ms of its CPU per poll once 5,000 runs had finished, charged to the runs measured).
  const open = unfinished ? ` AND "status" IN ('queued', 'running')` : "";
  const rows = await readRows<{ status: string; n: number | string }>(server, `SELECT status, COUNT(*) AS n FROM "Run" WHERE "workflowId" = $1${open} GROUP BY status`, [workflowId]);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const FINISHED = ["completed", "failed", "cancelled"];

/** Resolves once the run has finished, looking every few milliseconds. */
export async function runFinished(server: TestServer, runId: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [run] = await readRows<{ status: string }>(server, `SELECT status FROM "Run" WHERE "id" = $1`, [runId]);
    if (run && FINISHED.includes(run.status)) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`run ${runId} did not finish within ${timeoutMs} ms`);
}
