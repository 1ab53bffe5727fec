import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { intervalMs, lateStartMs, spacing } from "@/lib/outbound/rate-limit";
import { DATABASES, type TestDatabase } from "../support/databases";
import { useInProcessDatabase } from "../support/in-process-db";
import { sql } from "../support/sql";

/**
 * The last gate before a rate-limited call leaves (lib/outbound/rate-limit.ts `spacing`), in the
 * test process on a real database of each kind: a start whose claim the database committed late
 * is claimed again, so the call does not leave long after the start it claimed.
 */
describe.each(DATABASES)("rate-limit call starts on %s", (kind) => {
  const db = useInProcessDatabase(kind);

  /** Takes the write lock on the key's "started" row from another connection; resolves to the function that lets go. */
  async function holdStartedRow(database: TestDatabase, key: string): Promise<() => Promise<void>> {
    if (database.kind === "sqlite") {
      const sqlite = new Database(database.url.replace(/^file:/, ""));
      sqlite.exec("BEGIN IMMEDIATE");
      return async () => {
        sqlite.exec("COMMIT");
        sqlite.close();
      };
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("BEGIN");
    await client.query(`SELECT 1 FROM "RateLimitBucket" WHERE "key" = $1 FOR UPDATE`, [`${key}#started`]);
    return async () => {
      await client.query("COMMIT");
      await client.end();
    };
  }

  // 10 calls a second: starts 120 ms apart, a call may leave up to 100 ms after its start.
  const limit = { requests: 10, per: "second" as const };
  const claim = (key: string) => spacing(key, intervalMs(limit), lateStartMs(limit));

  const startedAt = async (key: string) => {
    const [row] = await sql(db.database, `SELECT "tat" FROM "RateLimitBucket" WHERE "key" = $1`, [`${key}#started`]);
    return new Date(row.tat as string).getTime();
  };

  it("claims a call's start again when its first claim was committed later than the limit allows", async () => {
    const key = `conn:late-${kind}`;
    await claim(key);
    const letGo = await holdStartedRow(db.database, key);
    const release = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const at = Date.now();
      await letGo();
      return at;
    };
    const [, releasedAt] = await Promise.all([claim(key), release()]);
    // The start the call left with was claimed after the lock let go, not the one claimed a second before.
    expect(await startedAt(key)).toBeGreaterThanOrEqual(releasedAt);
  });

  it("keeps the start it claimed when the claim is committed in time", async () => {
    const key = `conn:prompt-${kind}`;
    const before = Date.now();
    await claim(key);
    const first = await startedAt(key);
    await claim(key);
    expect(first).toBeGreaterThanOrEqual(before);
    expect((await startedAt(key)) - first).toBeGreaterThanOrEqual(120);
  });
});
