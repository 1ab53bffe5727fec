import { createHash } from "node:crypto";
import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { dbKind, onSqliteConnection, postgresPool, type Tx } from "./client";
import { afterWrite } from "./after-write";
import { inPostgresTransaction } from "./postgres-transaction";
import { READ, sqliteValue } from "./sqlite-adapter";

/**
 * Raw SQL for the statements every run makes (the engine's claims, loads, checkpoints and run
 * ends, event intake, and a start's reads and insert through the runs API). On SQLite they run as
 * prepared statements on Prisma's own connection, in turn with its queries and in its group commit
 * (resolved once committed), without Prisma's query pipeline: tracing, batching and its
 * interpreter took about a quarter of an execution process's CPU, most of it for statements that
 * were raw SQL already. On PostgreSQL they go to the pool Prisma's adapter uses, with values
 * written and read as that adapter does (timestamps are UTC).
 *
 * Not inside a Prisma interactive transaction (runStatementsIn excepted): on SQLite that
 * transaction holds the connection these wait for.
 */

/** The rows a query returns (column values as the database gives them: decode with the readers below). */
export async function queryRows(query: Prisma.Sql): Promise<Record<string, unknown>[]> {
  const direct = await onSqliteConnection((_, statement) => statement(query.sql).raw(false).all(query.values.map(sqliteValue)) as Record<string, unknown>[], {
    read: READ.test(query.sql),
  });
  if (direct) return direct.result;
  return (await pool().query({ name: statementName(query.text), text: query.text, values: query.values.map(postgresValue), types: postgresTypes })).rows as Record<string, unknown>[];
}

/** Writes in one transaction (a savepoint in SQLite's group commit); how many rows each changed. */
export async function executeAll(queries: Prisma.Sql[]): Promise<number[]> {
  const direct = await onSqliteConnection((database, statement) =>
    database.transaction(() => queries.map((query) => statement(query.sql).run(query.values.map(sqliteValue)).changes))(),
  );
  if (direct) return direct.result;
  const run = async (client: pg.Pool | pg.PoolClient, query: Prisma.Sql) =>
    (await client.query({ name: statementName(query.text), text: query.text, values: query.values.map(postgresValue) })).rowCount ?? 0;
  if (queries.length === 1) return [await run(pool(), queries[0])];
  return inPostgresTransaction(pool(), async (client) => {
    const counts: number[] = [];
    for (const query of queries) counts.push(await run(client, query));
    return counts;
  });
}

/**
 * A transaction whose statements depend on what earlier ones read (event intake looks up ids,
 * cancel entries and waits before it writes), written once as a generator that yields each
 * statement and is handed its rows (none for a write; reads are SELECT statements). runStatements
 * runs it synchronously on SQLite's connection (a savepoint in the group commit, so the work
 * between statements must be small) or over one pg transaction, its statements unnamed since
 * their texts vary with a batch's size; runStatementsIn inside a Prisma transaction already open.
 */
export type Statements<T> = Generator<Prisma.Sql, T, Record<string, unknown>[]>;

export async function runStatements<T>(statements: () => Statements<T>): Promise<T> {
  const direct = await onSqliteConnection((database, statement) =>
    database.transaction(() =>
      drive(statements(), (query) => {
        const prepared = statement(query.sql);
        const values = query.values.map(sqliteValue);
        if (prepared.reader) return prepared.raw(false).all(values) as Record<string, unknown>[];
        prepared.run(values);
        return [];
      }),
    )(),
  );
  if (direct) return direct.result;
  return inPostgresTransaction(pool(), (client) =>
    driveAsync(statements(), async (query) => (await client.query({ text: query.text, values: query.values.map(postgresValue), types: postgresTypes })).rows as Record<string, unknown>[]),
  );
}

export function runStatementsIn<T>(tx: Tx, statements: Statements<T>): Promise<T> {
  return driveAsync(statements, async (query) => (READ.test(query.sql) ? tx.$queryRaw<Record<string, unknown>[]>(query) : (await tx.$executeRaw(query), [])));
}

function drive<T>(statements: Statements<T>, run: (query: Prisma.Sql) => Record<string, unknown>[]): T {
  let step = statements.next();
  while (!step.done) step = statements.next(run(step.value));
  return step.value;
}

async function driveAsync<T>(statements: Statements<T>, run: (query: Prisma.Sql) => Promise<Record<string, unknown>[]>): Promise<T> {
  let step = statements.next();
  while (!step.done) step = statements.next(await run(step.value));
  return step.value;
}

/** Writes whose counts nobody reads, at once: one statement on PostgreSQL (see afterWrite), one transaction on SQLite. */
export async function writeTogether(queries: Prisma.Sql[]): Promise<void> {
  if (dbKind() === "postgresql" && queries.length > 1) await executeAll([afterWrite(queries.slice(0, -1), queries[queries.length - 1])]);
  else await executeAll(queries);
}

function pool(): pg.Pool {
  const pool = postgresPool();
  if (!pool) throw new Error("No PostgreSQL pool: the database is not PostgreSQL");
  return pool;
}

/**
 * Each distinct statement is prepared once per pooled connection (a named statement) instead of
 * parsed and planned by PostgreSQL at every call. The texts are few and fixed; beyond
 * MAX_NAMED_STATEMENTS (e.g. ever new `IN (…)` list lengths) they run unnamed, so no connection
 * keeps an unbounded number of them.
 */
const MAX_NAMED_STATEMENTS = 200;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `sb_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Timestamps are stored as UTC in columns without a time zone (as Prisma writes them): sent and read as UTC. */
function postgresValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

const TIMESTAMP_OID = 1114;
const utcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const postgresTypes = {
  getTypeParser: ((oid: number, format?: "text") => (oid === TIMESTAMP_OID ? utcTimestamp : (pg.types.getTypeParser(oid, format) as unknown))) as typeof pg.types.getTypeParser,
};

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
