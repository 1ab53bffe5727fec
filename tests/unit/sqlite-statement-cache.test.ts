import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sqliteAdapterFactory } from "@/lib/db/sqlite-adapter";

async function connect() {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "switchboard-cache-")), "test.db");
  const adapter = await sqliteAdapterFactory(file).connect();
  await adapter.executeScript('CREATE TABLE "Item" ("id" TEXT PRIMARY KEY, "n" INTEGER NOT NULL)');
  return adapter;
}

const query = (sql: string, ...args: unknown[]) => ({ sql, args, argTypes: args.map(() => ({ scalarType: typeof args[0] === "number" ? "int" : "string", arity: "scalar" }) as const) });

describe("SQLite statement cache", () => {
  it("runs the same SQL again with other arguments (a statement is prepared once, not bound for good)", async () => {
    const adapter = await connect();
    for (let i = 0; i < 5; i++) expect(await adapter.executeRaw(query('INSERT INTO "Item" ("id", "n") VALUES (?, ?)', `i${i}`, i))).toBe(1);
    const select = 'SELECT "id", "n" FROM "Item" WHERE "n" >= ? ORDER BY "n"';
    const first = await adapter.queryRaw(query(select, 3));
    const second = await adapter.queryRaw(query(select, 1));
    expect(first.rows).toEqual([["i3", 3], ["i4", 4]]);
    expect(second.rows.map((r) => r[0])).toEqual(["i1", "i2", "i3", "i4"]);
    await adapter.dispose();
  });

  it("keeps answering correctly past the number of statements it keeps", async () => {
    const adapter = await connect();
    await adapter.executeRaw(query('INSERT INTO "Item" ("id", "n") VALUES (?, ?)', "a", 1));
    // Distinct SQL texts (as Prisma's IN lists of other lengths are), more than the cache holds.
    for (let i = 0; i < 700; i++) {
      const result = await adapter.queryRaw(query(`SELECT "n" + ${i} AS "v" FROM "Item" WHERE "id" = ?`, "a"));
      expect(Number(result.rows[0][0])).toBe(1 + i);
    }
    const again = await adapter.queryRaw(query('SELECT "n" + 3 AS "v" FROM "Item" WHERE "id" = ?', "a"));
    expect(Number(again.rows[0][0])).toBe(4);
    await adapter.dispose();
  });

  it("commits and rolls back transactions on the cached connection", async () => {
    const adapter = await connect();
    const tx = await adapter.startTransaction();
    await tx.executeRaw(query('INSERT INTO "Item" ("id", "n") VALUES (?, ?)', "kept", 1));
    await tx.executeRaw({ sql: "COMMIT", args: [], argTypes: [] });
    await tx.commit();
    const undone = await adapter.startTransaction();
    await undone.executeRaw(query('INSERT INTO "Item" ("id", "n") VALUES (?, ?)', "undone", 2));
    await undone.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] });
    await undone.rollback();
    const rows = await adapter.queryRaw(query('SELECT "id" FROM "Item"'));
    expect(rows.rows).toEqual([["kept"]]);
    await adapter.dispose();
  });
});
