import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type { Database } from "better-sqlite3";
import { Mutex } from "./mutex";
import { statementCachingClient } from "./sqlite-statement-cache";

interface SqliteConnection {
  database: Database;
  mutex: Mutex;
}

// The connection Prisma opened in this process (route bundles have their own module instances).
const holder = globalThis as typeof globalThis & { __switchboardSqliteConnection?: SqliteConnection };

/**
 * @prisma/adapter-better-sqlite3 runs every query on one connection but only serialises
 * transactions with each other: a query from another request that arrives while a transaction is
 * open would run inside that transaction (and be rolled back with it). This factory wraps the
 * adapter so plain queries also wait for an open transaction, and sets the pragmas Switchboard
 * relies on: WAL for concurrent readers; synchronous FULL so that a commit is on disk before the
 * caller is answered (NORMAL, WAL's usual partner, keeps commits through a process crash but can
 * lose the last ones to a power loss: an accepted webhook must not be); foreign keys for
 * cascading deletes.
 */
export function sqliteAdapterFactory(file: string): SqlDriverAdapterFactory {
  const base = new PrismaBetterSqlite3({ url: file, timeout: 10_000 });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const adapter = await base.connect();
      await adapter.executeScript(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
      );
      const mutex = new Mutex();
      // The adapter's better-sqlite3 handle (not part of its typed API; checked before use).
      const database = (adapter as unknown as { client?: Database }).client;
      if (database && typeof database.prepare === "function" && typeof database.transaction === "function") {
        holder.__switchboardSqliteConnection = { database, mutex };
        (adapter as unknown as { client: unknown }).client = statementCachingClient(database);
      }
      return serialised(adapter, mutex);
    },
  };
}

/**
 * Runs synchronous work directly on Prisma's SQLite connection, in turn with its queries and
 * transactions (a second connection would make better-sqlite3 block the event loop waiting for
 * the write lock Prisma holds across awaits). For hot paths that write many rows at once with
 * prepared statements (webhook intake); they must write values as Prisma does (see sqliteValue).
 * Resolves to undefined when there is no such connection (an adapter without it).
 */
export async function runOnSqliteConnection<T>(work: (database: Database) => T, connect: () => Promise<unknown>): Promise<{ result: T } | undefined> {
  if (!holder.__switchboardSqliteConnection) await connect();
  const connection = holder.__switchboardSqliteConnection;
  if (!connection) return undefined;
  const release = await connection.mutex.acquire();
  try {
    return { result: work(connection.database) };
  } finally {
    release();
  }
}

/** A value as @prisma/adapter-better-sqlite3 stores it: dates as ISO 8601 with +00:00, booleans as 0/1 (JSON is its text). */
export function sqliteValue(value: unknown): string | number | bigint | Buffer | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value as string | number | bigint | Buffer;
}

function serialised(adapter: SqlDriverAdapter, mutex: Mutex): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    queryRaw: (query) => mutex.run(() => adapter.queryRaw(query)),
    executeRaw: (query) => mutex.run(() => adapter.executeRaw(query)),
    executeScript: (script) => mutex.run(() => adapter.executeScript(script)),
    dispose: () => {
      holder.__switchboardSqliteConnection = undefined;
      return adapter.dispose();
    },
    async startTransaction(isolationLevel) {
      const release = await mutex.acquire();
      let tx: Transaction;
      try {
        tx = await adapter.startTransaction(isolationLevel);
      } catch (error) {
        release();
        throw error;
      }
      const finish = (end: () => Promise<void>) => async () => {
        try {
          await end();
        } finally {
          release();
        }
      };
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (query) => tx.queryRaw(query),
        executeRaw: (query) => tx.executeRaw(query),
        createSavepoint: tx.createSavepoint && ((name) => tx.createSavepoint!(name)),
        rollbackToSavepoint: tx.rollbackToSavepoint && ((name) => tx.rollbackToSavepoint!(name)),
        releaseSavepoint: tx.releaseSavepoint && ((name) => tx.releaseSavepoint!(name)),
        commit: finish(() => tx.commit()),
        rollback: finish(() => tx.rollback()),
      };
    },
  };
}
