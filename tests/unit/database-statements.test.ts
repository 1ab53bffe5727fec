import { describe, expect, it } from "vitest";
import { quoteName, rowStatements } from "@/lib/database/statements";

describe("database node statements", () => {
  it("quotes plain names per dialect and refuses anything else", () => {
    expect(quoteName("postgresql", "public.orders")).toBe('"public"."orders"');
    expect(quoteName("mysql", "orders")).toBe("`orders`");
    for (const bad of ['orders"; DROP TABLE x; --', "a.b.c", "", "1abc", "na me"]) expect(() => quoteName("postgresql", bad)).toThrow("is not a plain table or column name");
  });

  it("inserts in multi-row batches, binding every value and defaulting missing columns", () => {
    const statements = rowStatements("postgresql", "insert", "t", [{ a: 1, b: { x: 1 } }, { a: 2 }, { a: 3, b: null }], [], 2);
    expect(statements).toEqual([
      { sql: 'INSERT INTO "t" ("a", "b") VALUES ($1, $2), ($3, DEFAULT)', params: [1, '{"x":1}', 2] },
      { sql: 'INSERT INTO "t" ("a", "b") VALUES ($1, $2)', params: [3, null] },
    ]);
  });

  it("upserts with each dialect's conflict clause", () => {
    expect(rowStatements("postgresql", "upsert", "t", [{ id: 1, name: "a" }], ["id"], 10)[0].sql).toBe('INSERT INTO "t" ("id", "name") VALUES ($1, $2) ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name"');
    expect(rowStatements("postgresql", "upsert", "t", [{ id: 1 }], ["id"], 10)[0].sql).toBe('INSERT INTO "t" ("id") VALUES ($1) ON CONFLICT ("id") DO NOTHING');
    expect(rowStatements("mysql", "upsert", "t", [{ id: 1, name: "a" }], ["id"], 10)[0].sql).toBe("INSERT INTO `t` (`id`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)");
    expect(() => rowStatements("mysql", "upsert", "t", [{ name: "a" }], ["id"], 10)).toThrow('Key column "id" is missing');
  });

  it("updates and deletes one row per statement by the key columns", () => {
    expect(rowStatements("mysql", "update", "t", [{ id: 1, region: "eu", name: "a" }], ["id", "region"], 10)).toEqual([{ sql: "UPDATE `t` SET `name` = ? WHERE `id` = ? AND `region` = ?", params: ["a", 1, "eu"] }]);
    expect(rowStatements("postgresql", "delete", "t", [{ id: 1 }, { id: 2 }], ["id"], 10).map((s) => s.params)).toEqual([[1], [2]]);
    expect(() => rowStatements("postgresql", "delete", "t", [{ name: "a" }], ["id"], 10)).toThrow('no value for key column "id"');
    expect(() => rowStatements("postgresql", "update", "t", [{ id: 1 }], ["id"], 10)).toThrow("no columns besides its keys");
    expect(() => rowStatements("postgresql", "update", "t", [{ id: 1, a: 2 }], [], 10)).toThrow("Name the key columns");
  });
});
