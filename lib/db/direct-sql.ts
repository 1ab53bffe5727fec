import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db, dbKind, onSqliteConnection } from "./client";
import { sqliteValue } from "./sqlite-adapter";

/**
 * Raw SQL for the statements every run makes (the engine's claims, loads, checkpoints and run
 * ends). On SQLite they run as prepared statements on Prisma's own connection, in turn with its
 * queries and in its group commit (resolved once committed), without Prisma's query pipeline:
 * tracing, batching and its interpreter took about a quarter of an execution process's CPU, most
 * of it for statements that were raw SQL already. On PostgreSQL they are Prisma's raw queries.
 *
 * Not inside a Prisma interactive transaction: on SQLite that transaction holds the connection
 * these wait for.
 */

/** The rows a query returns (column values as the database gives them: decode with the readers below). */
export async function queryRows(query: Prisma.Sql): Promise<Record<string, unknown>[]> {
  const direct = await onSqliteConnection((_, statement) => statement(query.sql).raw(false).all(query.values.map(sqliteValue)) as Record<string, unknown>[], {
    read: /^\s*SELECT\b/i.test(query.sql),
  });
  return direct ? direct.result : db().$queryRaw<Record<string, unknown>[]>(query);
}

/** Writes in one transaction (a savepoint in SQLite's group commit); how many rows each changed. */
export async function executeAll(queries: Prisma.Sql[]): Promise<number[]> {
  const direct = await onSqliteConnection((database, statement) =>
    database.transaction(() => queries.map((query) => statement(query.sql).run(query.values.map(sqliteValue)).changes))(),
  );
  if (direct) return direct.result;
  return queries.length === 1 ? [await db().$executeRaw(queries[0])] : db().$transaction(queries.map((query) => db().$executeRaw(query)));
}

/** A stored JSON value: text on SQLite, already parsed from jsonb on PostgreSQL. */
export function readJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return dbKind() === "sqlite" && typeof value === "string" ? JSON.parse(value) : value;
}

/** A stored timestamp: ISO 8601 text on SQLite, a Date on PostgreSQL. */
export function readDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

export function readOptionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : readDate(value);
}

/** A stored boolean: 0/1 on SQLite. */
export function readBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n;
}

/** A stored integer (a count may come as bigint). */
export function readNumber(value: unknown): number {
  return Number(value ?? 0);
}
