import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type { Database } from "better-sqlite3";
import { Mutex } from "./mutex";
import { statementCachingClient } from "./sqlite-statement-cache";

/**
 * @prisma/adapter-better-sqlite3 runs every query on one connection but only serialises
 * transactions with each other: a query from another request that arrives while a transaction is
 * open would run inside that transaction (and be rolled back with it). This factory wraps the
 * adapter so plain queries also wait for an open transaction, and sets the pragmas Switchboard
 * relies on (WAL for concurrent readers, foreign keys for cascading deletes).
 */
export function sqliteAdapterFactory(file: string): SqlDriverAdapterFactory {
  const base = new PrismaBetterSqlite3({ url: file, timeout: 10_000 });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const adapter = await base.connect();
      await adapter.executeScript(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
      );
      // The adapter's better-sqlite3 handle (not part of its typed API; checked before use).
      const database = (adapter as unknown as { client?: Database }).client;
      if (database && typeof database.prepare === "function") (adapter as unknown as { client: unknown }).client = statementCachingClient(database);
      return serialised(adapter);
    },
  };
}

function serialised(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const mutex = new Mutex();
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    queryRaw: (query) => mutex.run(() => adapter.queryRaw(query)),
    executeRaw: (query) => mutex.run(() => adapter.executeRaw(query)),
    executeScript: (script) => mutex.run(() => adapter.executeScript(script)),
    dispose: () => adapter.dispose(),
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
