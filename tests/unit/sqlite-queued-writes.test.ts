import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runOnSqliteConnection, sqliteAdapterFactory } from "@/lib/db/sqlite-adapter";

/** Prisma's connection (through the adapter) and another process's connection to the same file. */
async function twoConnections() {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "switchboard-queued-")), "test.db");
  const adapter = await sqliteAdapterFactory(file).connect();
  await adapter.executeScript('CREATE TABLE "Item" ("id" TEXT PRIMARY KEY)');
  const other = new Database(file, { timeout: 0 });
  const connect = () => Promise.resolve();
  const insert = (id: string) => runOnSqliteConnection((database) => database.prepare('INSERT INTO "Item" ("id") VALUES (?)').run(id).changes, connect);
  const ids = () => (other.prepare('SELECT "id" FROM "Item" ORDER BY "id"').all() as { id: string }[]).map((row) => row.id);
  return { adapter, other, insert, ids };
}

describe("direct writes on Prisma's SQLite connection", () => {
  it("do not hold the write lock while they wait for their turn", async () => {
    const { adapter, other, insert, ids } = await twoConnections();
    const ours = insert("ours");
    // Other work of this process goes on (microtasks); the write has not run yet and holds no lock.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    other.prepare("BEGIN IMMEDIATE").run();
    other.prepare('INSERT INTO "Item" ("id") VALUES (?)').run("theirs");
    other.prepare("COMMIT").run();
    expect((await ours)?.result).toBe(1);
    expect(ids()).toEqual(["ours", "theirs"]);
    other.close();
    await adapter.dispose();
  });

  it("queued in one turn, they commit together; one that fails undoes only its own writes", async () => {
    const { adapter, other, insert, ids } = await twoConnections();
    const outcomes = await Promise.allSettled([insert("a"), insert("b"), insert("a"), insert("c")]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(ids()).toEqual(["a", "b", "c"]);
    other.close();
    await adapter.dispose();
  });

  it("answer only once committed: another connection sees a write as soon as it resolves", async () => {
    const { adapter, other, insert, ids } = await twoConnections();
    const seen: string[][] = [];
    await insert("x").then(() => seen.push(ids()));
    expect(seen).toEqual([["x"]]);
    other.close();
    await adapter.dispose();
  });
});
