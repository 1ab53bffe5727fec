import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Database, Statement } from "better-sqlite3";
import { PrismaClient as SqlitePrismaClient } from "@/lib/generated/prisma-sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { databaseConfig, type DatabaseKind } from "./config";
import { runOnSqliteConnection, sqliteAdapterFactory } from "./sqlite-adapter";

/**
 * Both generated clients have the same model API (the PostgreSQL schema is derived from the
 * SQLite one), so the rest of the code is typed against one of them.
 */
export type Db = SqlitePrismaClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

interface DbHolder {
  client: Db;
  kind: DatabaseKind;
  /** PostgreSQL: the pool Prisma's adapter queries through (lib/db/direct-sql.ts uses it too). */
  pool?: pg.Pool;
}

// Next.js bundles route handlers and instrumentation separately; one client per process.
const holder = globalThis as typeof globalThis & { __switchboardDb?: DbHolder };

/**
 * Under bursts (many runs starting at once while the engine works) a transaction may wait for a
 * connection (PostgreSQL) or for the open transaction (SQLite) longer than Prisma's 2 s default;
 * waiting longer beats failing the request.
 */
const transactionOptions = { maxWait: 15_000, timeout: 30_000 };

function create(): DbHolder {
  const config = databaseConfig();
  if (config.kind === "postgresql") {
    const pool = new pg.Pool({ connectionString: config.url, max: 20 });
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    return { kind: "postgresql", pool, client: new PostgresPrismaClient({ adapter, transactionOptions }) as unknown as Db };
  }
  mkdirSync(path.dirname(config.file!), { recursive: true });
  return { kind: "sqlite", client: new SqlitePrismaClient({ adapter: sqliteAdapterFactory(config.file!), transactionOptions }) };
}

export function db(): Db {
  holder.__switchboardDb ??= create();
  return holder.__switchboardDb.client;
}

export function dbKind(): DatabaseKind {
  holder.__switchboardDb ??= create();
  return holder.__switchboardDb.kind;
}

export async function disconnectDb(): Promise<void> {
  const current = holder.__switchboardDb;
  holder.__switchboardDb = undefined;
  await current?.client.$disconnect();
  // Prisma ends the pool only if it connected through it; lib/db/direct-sql.ts may have used it alone.
  if (current?.pool && !current.pool.ended) await current.pool.end();
}

/** The pool Prisma queries PostgreSQL through; undefined on SQLite. */
export function postgresPool(): pg.Pool | undefined {
  holder.__switchboardDb ??= create();
  return holder.__switchboardDb.pool;
}

/** Synchronous work on the SQLite connection itself (lib/db/sqlite-adapter.ts); undefined on PostgreSQL. */
export async function onSqliteConnection<T>(work: (database: Database, statement: (sql: string) => Statement) => T, options?: { read?: boolean }): Promise<{ result: T } | undefined> {
  if (dbKind() !== "sqlite") return undefined;
  return runOnSqliteConnection(work, () => db().$queryRawUnsafe("SELECT 1"), options);
}
