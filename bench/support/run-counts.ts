import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import type { TestServer } from "../../tests/support/server";

/**
 * A workflow's runs by status (or only its unfinished ones), read straight from the server's database (read-only on SQLite):
 * benches poll this instead of the runs API so that their own polling does not load the server
 * they measure.
 */
export async function runCounts(server: TestServer, workflowId: string, { unfinished = false } = {}): Promise<Record<string, number>> {
  // Only the queued and running ones, while waiting for them to finish: read off the (workflowId,
  // status, id) index without counting the finished ones each time (on PostgreSQL that count cost
  // about 37 ms of its CPU per poll once 5,000 runs had finished, charged to the runs measured).
  const open = unfinished ? ` AND "status" IN ('queued', 'running')` : "";
  const sql = `SELECT status, COUNT(*) AS n FROM "Run" WHERE "workflowId" = $1${open} GROUP BY status`;
  if (server.database.kind === "sqlite") {
    const sqlite = new Database(path.join(server.database.dataDir, "switchboard.db"), { readonly: true, fileMustExist: true });
    try {
      const rows = sqlite.prepare(sql.replace("$1", "?")).all(workflowId) as { status: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: server.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: string }>(sql, [workflowId]);
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  } finally {
    await client.end();
  }
}

export const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
