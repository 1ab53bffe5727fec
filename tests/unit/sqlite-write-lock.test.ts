import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sqliteAdapterFactory } from "@/lib/db/sqlite-adapter";

const insert = (id: string) => ({ sql: 'INSERT INTO "Item" ("id") VALUES (?)', args: [id], argTypes: [{ scalarType: "string" as const, arity: "scalar" as const }] });

/** Another process's connection to the same database (as an execution process has), holding the write lock. */
async function twoConnections() {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "switchboard-lock-")), "test.db");
  const adapter = await sqliteAdapterFactory(file).connect();
  await adapter.executeScript('CREATE TABLE "Item" ("id" TEXT PRIMARY KEY)');
  const other = new Database(file, { timeout: 0 });
  return { adapter, other };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("SQLite write lock held by another connection", () => {
  it("a write waits for it without stopping the event loop, then commits", async () => {
    const { adapter, other } = await twoConnections();
    other.prepare("BEGIN IMMEDIATE").run();
    other.prepare('INSERT INTO "Item" ("id") VALUES (?)').run("theirs");
    let written = false;
    const write = adapter.executeRaw(insert("ours")).then(() => (written = true));
    // Timers keep firing (a blocking busy wait would hold this thread until the lock is free).
    let ticks = 0;
    for (let i = 0; i < 10; i++) {
      await turn();
      ticks++;
    }
    expect(ticks).toBe(10);
    expect(written).toBe(false);
    other.prepare("COMMIT").run();
    await write;
    const rows = await adapter.queryRaw({ sql: 'SELECT "id" FROM "Item" ORDER BY "id"', args: [], argTypes: [] });
    expect(rows.rows).toEqual([["ours"], ["theirs"]]);
    other.close();
    await adapter.dispose();
  });

  it("a transaction starts once the lock is free and sees the other connection's committed rows", async () => {
    const { adapter, other } = await twoConnections();
    other.prepare("BEGIN IMMEDIATE").run();
    other.prepare('INSERT INTO "Item" ("id") VALUES (?)').run("theirs");
    const started = adapter.startTransaction();
    let open = false;
    void started.then(() => (open = true));
    await turn();
    expect(open).toBe(false);
    other.prepare("COMMIT").run();
    const tx = await started;
    const seen = await tx.queryRaw({ sql: 'SELECT COUNT(*) AS "n" FROM "Item"', args: [], argTypes: [] });
    expect(Number(seen.rows[0][0])).toBe(1);
    await tx.executeRaw(insert("ours"));
    await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
    await tx.commit();
    // Our commit holds the lock until it is done: the other connection writes after it.
    other.prepare('INSERT INTO "Item" ("id") VALUES (?)').run("later");
    expect(other.prepare('SELECT COUNT(*) AS "n" FROM "Item"').get()).toEqual({ n: 3 });
    other.close();
    await adapter.dispose();
  });
});
