import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { DriverAdapterError, type SqlDriverAdapter, type SqlDriverAdapterFactory, type SqlQuery, type Transaction } from "@prisma/driver-adapter-utils";
import type { Database, Statement } from "better-sqlite3";
import { Mutex } from "./mutex";
import { statementCache, statementCachingClient } from "./sqlite-statement-cache";

interface SqliteConnection {
  database: Database;
  group: GroupCommit;
  /** The connection's prepared statements, shared with Prisma's queries. */
  statement: (sql: string) => Statement;
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
 * cascading deletes; busy_timeout 0, since waiting for another process's write lock is done
 * without stopping the event loop (whenUnlocked).
 */
export function sqliteAdapterFactory(file: string): SqlDriverAdapterFactory {
  const base = new PrismaBetterSqlite3({ url: file, timeout: 10_000 });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const adapter = await base.connect();
      await adapter.executeScript(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 0;",
      );
      const mutex = new Mutex();
      // The adapter's better-sqlite3 handle (not part of its typed API; checked before use).
      const database = (adapter as unknown as { client?: Database }).client;
      if (!database || typeof database.prepare !== "function" || typeof database.transaction !== "function") {
        throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection; lib/db/sqlite-adapter.ts needs it");
      }
      const group = new GroupCommit(database, mutex);
      const statement = statementCache(database);
      holder.__switchboardSqliteConnection = { database, group, statement };
      (adapter as unknown as { client: unknown }).client = statementCachingClient(database, statement);
      return serialised(adapter, group);
    },
  };
}

/**
 * Runs synchronous work directly on Prisma's SQLite connection, in turn with its queries and
 * transactions (a second connection would make better-sqlite3 block the event loop waiting for
 * the write lock Prisma holds across awaits). For hot paths that write many rows at once with
 * prepared statements (webhook intake); they must write values as Prisma does (see sqliteValue).
 * Like every query, the work is part of a group commit: it resolves once its writes are committed.
 * Resolves to undefined when there is no such connection (an adapter without it).
 * `read`: work that only reads, run outside a transaction when no group is open.
 */
export async function runOnSqliteConnection<T>(
  work: (database: Database, statement: (sql: string) => Statement) => T,
  connect: () => Promise<unknown>,
  { read = false } = {},
): Promise<{ result: T } | undefined> {
  if (!holder.__switchboardSqliteConnection) await connect();
  const connection = holder.__switchboardSqliteConnection;
  if (!connection) return undefined;
  const bound = () => work(connection.database, connection.statement);
  return { result: await (read ? connection.group.run(bound, { read }) : connection.group.write(bound)) };
}

/** A value as @prisma/adapter-better-sqlite3 stores it: dates as ISO 8601 with +00:00, booleans as 0/1 (JSON is its text). */
export function sqliteValue(value: unknown): string | number | bigint | Buffer | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value as string | number | bigint | Buffer;
}

/** How long a statement waits for another connection's write lock before failing, as busy_timeout did. */
const LOCK_WAIT_MS = 10_000;
const LOCK_RETRY_MAX_MS = 8;

/**
 * Runs `work` (BEGIN IMMEDIATE, a pragma or script, a read outside a transaction) once no other
 * connection holds the lock. SQLite's own busy_timeout would wait by sleeping in the calling
 * thread, stopping this process's event loop (webhook intake, every other run) for as long as
 * another process writes: with execution processes (lib/runtime/executors.ts) that is all the
 * time. So busy_timeout is 0 and a refused attempt is retried after a timer, 1 ms doubling to
 * LOCK_RETRY_MAX_MS, for up to LOCK_WAIT_MS.
 */
async function whenUnlocked<T>(work: () => T | Promise<T>): Promise<T> {
  const deadline = performance.now() + LOCK_WAIT_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, LOCK_RETRY_MAX_MS)) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || performance.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

function isBusy(error: unknown): boolean {
  // better-sqlite3's SqliteError (SQLITE_BUSY and its extended codes), or the adapter's DriverAdapterError around it.
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { originalCode?: unknown } })?.cause?.originalCode;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * Group commit. SQLite with `synchronous = FULL` syncs the log to disk at every commit, and every
 * query and transaction used to commit on its own: the engine, run history and webhook intake made
 * thousands of small commits a second, one after another on the one connection. Here the queries
 * and transactions that queue for the connection while one runs share one transaction: each runs
 * in turn as before (a Prisma transaction inside a savepoint, so its rollback undoes only its own
 * writes), and the shared transaction commits at the end of the event loop's turn (or once it
 * holds MAX_GROUP members or has been open MAX_GROUP_MS). No caller is answered before its
 * writes are committed: results, reads included, are handed over after the shared commit. A
 * failed commit fails every member, so nothing is acknowledged that is not on disk. Alone (no one
 * waiting), a query commits one turn later than it did; a read with no group open runs alone.
 */
const MAX_GROUP = 256;
const MAX_GROUP_MS = 20;

/** Statements that cannot run inside a transaction or manage transactions themselves: run alone. */
const OUTSIDE_GROUP = /^\s*(PRAGMA|VACUUM|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|ATTACH|DETACH)\b/i;

/** A statement that only reads (the engine's raw statements tell reads from writes by it too). */
export const READ = /^\s*SELECT\b/i;

class GroupCommit {
  private open = false;
  private openedAt = 0;
  private scheduled = false;
  /** Bumped when a shared transaction ends, so a Prisma transaction can tell its group is gone. */
  generation = 0;
  private members: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** Synchronous writes waiting for the next flush (see write). */
  private queued: { work: () => unknown; resolve: (result: unknown) => void; reject: (error: unknown) => void }[] = [];

  constructor(
    readonly database: Database,
    private readonly mutex: Mutex,
  ) {}

  acquire(): Promise<() => void> {
    return this.mutex.acquire();
  }

  /** Opens the shared transaction if none is open (the connection must be held). */
  async begin(): Promise<number> {
    if (!this.open) {
      await whenUnlocked(() => this.database.prepare("BEGIN IMMEDIATE").run());
      this.open = true;
      this.openedAt = performance.now();
    }
    return this.generation;
  }

  /** Settles once the shared transaction this member's work ran in is committed. */
  join(): Promise<void> {
    return new Promise((resolve, reject) => this.members.push({ resolve, reject }));
  }

  /** After a failed statement: SQLite may have rolled back the whole transaction (disk full, I/O error). */
  checkAfterError(error: unknown) {
    if (this.open && !this.database.inTransaction) this.end(error);
  }

  /**
   * Called before the connection is released: commits when forced or when the group is full or
   * old, and otherwise at the end of this turn of the event loop (queries that other runs and
   * requests issue in the meantime join it).
   */
  settle(force = false) {
    if (!this.open) return;
    if (!force && this.members.length < MAX_GROUP && performance.now() - this.openedAt < MAX_GROUP_MS) {
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.commitLater());
      }
      return;
    }
    this.commit();
  }

  private async commitLater() {
    const release = await this.acquire();
    this.scheduled = false;
    try {
      this.commit();
    } finally {
      release();
    }
  }

  private commit() {
    if (!this.open) return;
    try {
      this.database.prepare("COMMIT").run();
      this.end(null);
    } catch (error) {
      try {
        if (this.database.inTransaction) this.database.prepare("ROLLBACK").run();
      } catch {
        // The connection is unusable; the members fail either way.
      }
      this.end(error);
    }
  }

  private end(error: unknown) {
    const members = this.members;
    this.members = [];
    this.open = false;
    this.generation++;
    for (const member of members) {
      if (error) member.reject(error);
      else member.resolve();
    }
  }

  /**
   * Runs a synchronous write with the others queued in this turn of the event loop: at its end
   * they run one after another (each in its own savepoint, so one that throws undoes only its own
   * writes) and commit at once. The write lock is taken only for that burst, not while the
   * process's other work goes on between queries: with execution processes on the same database
   * file, a lock held across a busy turn stopped every other process's writes for as long.
   * Resolves with its result once committed.
   */
  write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ work, resolve: resolve as (result: unknown) => void, reject });
      if (this.queued.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush() {
    const release = await this.acquire();
    const batch = this.queued;
    this.queued = [];
    const done: (() => void)[] = [];
    let committed: Promise<void>;
    try {
      // Opened here and now when the lock is free, so that no other work runs while it is held.
      if (!this.beginNow()) await this.begin();
      for (const item of batch) {
        try {
          const result = this.database.transaction(item.work)();
          done.push(() => item.resolve(result));
        } catch (error) {
          this.checkAfterError(error);
          // SQLite rolled the shared transaction back (disk full, I/O error): the whole batch failed.
          if (!this.open) throw error;
          done.push(() => item.reject(error));
        }
      }
      committed = this.join();
      this.settle(true);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    } finally {
      release();
    }
    committed.then(
      () => done.forEach((settle) => settle()),
      (error: unknown) => batch.forEach((item) => item.reject(error)),
    );
  }

  /** Opens the shared transaction at once if none is open; false when another connection holds the lock. */
  private beginNow(): boolean {
    if (this.open) return true;
    try {
      this.database.prepare("BEGIN IMMEDIATE").run();
    } catch (error) {
      if (isBusy(error)) return false;
      throw error;
    }
    this.open = true;
    this.openedAt = performance.now();
    return true;
  }

  /**
   * Runs `work` holding the connection, in the shared transaction; resolves with its result once
   * committed. `alone`: after committing the group, outside any transaction. `read`: a read that
   * finds no group open runs by itself (it has nothing to commit and reads only committed data).
   */
  async run<T>(work: () => T | Promise<T>, { alone = false, read = false } = {}): Promise<T> {
    const release = await this.acquire();
    let result: T;
    let committed: Promise<void>;
    try {
      if (alone || (read && !this.open)) {
        if (alone) this.settle(true);
        return await whenUnlocked(work);
      }
      await this.begin();
      try {
        result = await work();
      } catch (error) {
        this.checkAfterError(error);
        throw error;
      }
      committed = this.join();
    } finally {
      this.settle();
      release();
    }
    await committed;
    return result;
  }
}

function serialised(adapter: SqlDriverAdapter, group: GroupCommit): SqlDriverAdapter {
  const statement = <T>(query: SqlQuery, work: () => Promise<T>) => group.run(work, { alone: OUTSIDE_GROUP.test(query.sql), read: READ.test(query.sql) });
  let savepoints = 0;
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    queryRaw: (query) => statement(query, () => adapter.queryRaw(query)),
    executeRaw: (query) => statement(query, () => adapter.executeRaw(query)),
    executeScript: (script) => group.run(() => adapter.executeScript(script), { alone: true }),
    async dispose() {
      holder.__switchboardSqliteConnection = undefined;
      const release = await group.acquire();
      try {
        group.settle(true);
      } finally {
        release();
      }
      return adapter.dispose();
    },
    async startTransaction(isolationLevel) {
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
      const release = await group.acquire();
      // A Prisma transaction is a savepoint in the shared transaction; Prisma ends it by sending
      // COMMIT or ROLLBACK, which become RELEASE or ROLLBACK TO of the savepoint.
      const name = `sb_tx_${++savepoints}`;
      let generation: number;
      try {
        generation = await group.begin();
        group.database.prepare(`SAVEPOINT ${name}`).run();
      } catch (error) {
        group.checkAfterError(error);
        group.settle();
        release();
        throw error;
      }
      let committed: Promise<void> | null = null;
      let released = false;
      const finish = () => {
        if (released) return;
        released = true;
        group.settle();
        release();
      };
      const inGroup = <T>(work: () => Promise<T>): Promise<T> => {
        // The shared transaction was rolled back under this one (e.g. disk full): nothing more may run as if it were open.
        if (group.generation !== generation) return Promise.reject(new Error("The transaction was rolled back by a failed write"));
        return work().catch((error: unknown) => {
          group.checkAfterError(error);
          throw error;
        });
      };
      const run = async (query: SqlQuery): Promise<number> => {
        const sql = query.sql.trim().toUpperCase();
        if (sql === "COMMIT") {
          await inGroup(async () => group.database.prepare(`RELEASE SAVEPOINT ${name}`).run());
          committed = group.join();
          return 0;
        }
        if (sql === "ROLLBACK") {
          if (group.generation === generation) {
            group.database.prepare(`ROLLBACK TO SAVEPOINT ${name}`).run();
            group.database.prepare(`RELEASE SAVEPOINT ${name}`).run();
          }
          return 0;
        }
        return inGroup(() => adapter.executeRaw(query));
      };
      const transaction: Transaction = {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        options: { usePhantomQuery: false },
        queryRaw: (query) => inGroup(() => adapter.queryRaw(query)),
        executeRaw: run,
        createSavepoint: (savepoint) => inGroup(async () => void group.database.prepare(`SAVEPOINT ${savepoint}`).run()),
        rollbackToSavepoint: (savepoint) => inGroup(async () => void group.database.prepare(`ROLLBACK TO ${savepoint}`).run()),
        releaseSavepoint: (savepoint) => inGroup(async () => void group.database.prepare(`RELEASE SAVEPOINT ${savepoint}`).run()),
        async commit() {
          finish();
          if (!committed) throw new Error("Transaction committed without COMMIT");
          await committed;
        },
        async rollback() {
          finish();
        },
      };
      return transaction;
    },
  };
}
