import type { Database, Statement } from "better-sqlite3";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db, onSqliteConnection } from "@/lib/db/client";
import { insertRowsSql } from "@/lib/db/insert-rows";
import { sqliteValue } from "@/lib/db/sqlite-adapter";

type RunRow = Prisma.RunCreateManyInput;
type DeliveryRow = Prisma.WebhookDeliveryCreateManyInput;

interface Pending {
  run: RunRow;
  delivery: DeliveryRow;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;

// One queue per process (route bundles have their own module instances).
const holder = globalThis as typeof globalThis & { __switchboardWebhookCommits?: { queue: Pending[]; flushing: boolean } };
const state = (holder.__switchboardWebhookCommits ??= { queue: [], flushing: false });

/**
 * Group commit for accepted deliveries: the deliveries of every request handled in one turn of
 * the event loop, and those that arrive while a commit is in flight, are stored together in one
 * transaction, and each request is answered only once its own rows are committed. Under load
 * this turns hundreds of small transactions a second into a few large ones (SQLite commits
 * synchronously, so without waiting for the end of the turn every batch held one delivery);
 * alone, a delivery commits at once. On SQLite the batch is written with prepared
 * statements on Prisma's own connection (the Prisma client's per-row work was most of the
 * intake's time); on PostgreSQL with two multi-row inserts.
 */
export function commitAccepted(run: RunRow, delivery: DeliveryRow): Promise<void> {
  return new Promise((resolve, reject) => {
    state.queue.push({ run, delivery, resolve, reject });
    if (!state.flushing) {
      state.flushing = true;
      setImmediate(() => void flush());
    }
  });
}

async function flush() {
  try {
    while (state.queue.length) {
      const batch = state.queue.splice(0, MAX_BATCH);
      try {
        await insert(batch);
        batch.forEach((p) => p.resolve());
      } catch {
        // Something in the batch failed: commit each on its own, so one bad row fails only its request.
        for (const p of batch) {
          try {
            await insert([p]);
            p.resolve();
          } catch (error) {
            p.reject(error);
          }
        }
      }
    }
  } finally {
    state.flushing = false;
  }
}

async function insert(batch: Pending[]) {
  const direct = await onSqliteConnection((database) => insertSqlite(database, batch));
  if (direct) return;
  const now = new Date();
  const runs = insertRowsSql("Run", batch.map((p) => columnsOf(p.run, RUN_COLUMNS, now)), JSON_COLUMNS);
  const deliveries = insertRowsSql("WebhookDelivery", batch.map((p) => columnsOf(p.delivery, DELIVERY_COLUMNS, now)), JSON_COLUMNS);
  await db().$transaction([...runs, ...deliveries].map((statement) => db().$executeRaw(statement)));
}

const RUN_COLUMNS = ["id", "workspaceId", "workflowId", "workflowVersion", "status", "triggerKind", "trigger", "createdAt", "replayOf", "replayFromNode"] as const;
const DELIVERY_COLUMNS = [
  "id", "workflowId", "receivedAt", "method", "path", "query", "headers", "body", "bodyTruncated", "contentType",
  "outcome", "reason", "status", "runId", "dedupKey", "resentFrom", "responseState",
] as const;
const JSON_COLUMNS = ["trigger", "query", "headers"];

const statements = new WeakMap<Database, { run: Statement; delivery: Statement }>();

function prepared(database: Database) {
  let found = statements.get(database);
  if (!found) {
    const sql = (table: string, columns: readonly string[]) => `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
    found = { run: database.prepare(sql("Run", RUN_COLUMNS)), delivery: database.prepare(sql("WebhookDelivery", DELIVERY_COLUMNS)) };
    statements.set(database, found);
  }
  return found;
}

/** A row with every column and the defaults filled in as Prisma would (a multi-row insert has no per-row defaults); SQL NULL as null. */
function columnsOf(row: object, columns: readonly string[], now: Date): Record<string, unknown> {
  const values = row as Record<string, unknown>;
  return Object.fromEntries(
    columns.map((column) => {
      const value = values[column] ?? (column === "createdAt" || column === "receivedAt" ? now : column === "bodyTruncated" ? false : null);
      return [column, value === Prisma.DbNull ? null : value];
    }),
  );
}

function sqliteValues(row: object, columns: readonly string[], now: Date) {
  return Object.entries(columnsOf(row, columns, now)).map(([column, value]) => (JSON_COLUMNS.includes(column) && value !== null ? JSON.stringify(value) : sqliteValue(value)));
}

function insertSqlite(database: Database, batch: Pending[]) {
  const { run, delivery } = prepared(database);
  const now = new Date();
  database.transaction(() => {
    for (const p of batch) {
      run.run(sqliteValues(p.run, RUN_COLUMNS, now));
      delivery.run(sqliteValues(p.delivery, DELIVERY_COLUMNS, now));
    }
  })();
}
