import mysql from "mysql2/promise";
import pg from "pg";
import type { SqlStatement } from "@/lib/database/statements";
import { inPostgresTransaction } from "@/lib/db/postgres-transaction";
import { NodeError } from "@/lib/nodes/errors";
import { resolveAllowed } from "@/lib/outbound/ssrf";
import type { LoadedConnection } from "./store";

/**
 * The database nodes' connections to PostgreSQL and MySQL/MariaDB: one small pool per connection
 * record (replaced when the record changes), opened to the address the SSRF guard resolved (so a
 * DNS answer cannot change between the check and the connect). Every call is one transaction
 * with a statement timeout set on the server: all of a step's batches commit together or not at
 * all, so a retried step never writes half twice.
 */

const POOL_SIZE = 5;
const CONNECT_TIMEOUT_MS = 10_000;

export interface StatementResult {
  rows: Record<string, unknown>[];
  rowCount: number;
  fields: string[];
}

interface PgPool {
  kind: "postgres";
  pool: pg.Pool;
}
interface MysqlPool {
  kind: "mysql";
  pool: mysql.Pool;
  /** MariaDB and MySQL name the statement time limit differently. */
  mariadb: boolean;
}
type Pool = PgPool | MysqlPool;

type PoolEntry = { version: number; pool: Promise<Pool> };
const holder = globalThis as typeof globalThis & { __switchboardDatabasePools?: Map<string, PoolEntry> };
const pools = (holder.__switchboardDatabasePools ??= new Map<string, PoolEntry>());

/** Runs `statements` in one transaction on the connection's database, each limited to `timeoutMs` on the server. */
export async function runStatements(connection: LoadedConnection, statements: SqlStatement[], timeoutMs: number): Promise<StatementResult[]> {
  const pool = await poolFor(connection);
  try {
    return pool.kind === "postgres" ? await runPostgres(pool.pool, statements, timeoutMs) : await runMysql(pool, statements, timeoutMs);
  } catch (error) {
    throw databaseError(connection.type === "postgres" ? "PostgreSQL" : "MySQL", error);
  }
}

/** Closes every pool (shutdown, tests). */
export async function closeDatabasePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map(async ({ pool }) => closePool(await pool.catch(() => null))));
}

async function poolFor(connection: LoadedConnection): Promise<Pool> {
  const version = connection.updatedAt.getTime();
  const existing = pools.get(connection.id);
  if (existing?.version === version) return existing.pool;
  if (existing) void existing.pool.then(closePool, () => undefined);
  const pool = openPool(connection);
  pools.set(connection.id, { version, pool });
  pool.catch(() => pools.delete(connection.id));
  return pool;
}

async function openPool(connection: LoadedConnection): Promise<Pool> {
  const { config, secrets } = connection;
  const host = String(config.host ?? "");
  const { address } = await resolveAllowed(host);
  const ssl = config.ssl ? { servername: host, rejectUnauthorized: true } : undefined;
  const common = { host: address, port: Number(config.port), database: String(config.database ?? "") || undefined, user: String(config.username ?? "") || undefined, password: secrets.password || undefined };
  if (connection.type === "postgres") {
    const pool = new pg.Pool({ ...common, ssl, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, idleTimeoutMillis: 30_000 });
    // An idle client that the server drops emits here; without a listener it would crash the process.
    pool.on("error", (error) => console.error(`[databases] idle PostgreSQL connection of ${connection.id} failed: ${error.message}`));
    return { kind: "postgres", pool };
  }
  const pool = mysql.createPool({ ...common, ssl, connectionLimit: POOL_SIZE, connectTimeout: CONNECT_TIMEOUT_MS, supportBigNumbers: true, bigNumberStrings: true, dateStrings: false });
  const [rows] = await pool.query("SELECT VERSION() AS version");
  return { kind: "mysql", pool, mariadb: /mariadb/i.test(String((rows as { version: string }[])[0]?.version)) };
}

async function closePool(pool: Pool | null) {
  if (!pool) return;
  await pool.pool.end().catch(() => undefined);
}

async function runPostgres(pool: pg.Pool, statements: SqlStatement[], timeoutMs: number): Promise<StatementResult[]> {
  return inPostgresTransaction(pool, async (client) => {
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    const results: StatementResult[] = [];
    for (const statement of statements) {
      const result = await client.query({ text: statement.sql, values: statement.params });
      results.push({ rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? result.rows.length, fields: (result.fields ?? []).map((f) => f.name) });
    }
    return results;
  });
}

async function runMysql(pool: MysqlPool, statements: SqlStatement[], timeoutMs: number): Promise<StatementResult[]> {
  const connection = await pool.pool.getConnection();
  try {
    // MariaDB limits every statement (seconds); MySQL only SELECTs (milliseconds).
    await connection.query(pool.mariadb ? `SET SESSION max_statement_time = ${Math.max(0.001, timeoutMs / 1000)}` : `SET SESSION max_execution_time = ${Math.max(1, Math.floor(timeoutMs))}`);
    await connection.beginTransaction();
    const results: StatementResult[] = [];
    for (const statement of statements) {
      // The client-side limit backs up the server's (MySQL's applies to SELECTs only).
      const [rows, fields] = await connection.query({ sql: statement.sql, values: statement.params, timeout: timeoutMs + 5_000 });
      if (Array.isArray(rows)) results.push({ rows: rows as Record<string, unknown>[], rowCount: rows.length, fields: (fields ?? []).map((f) => f.name) });
      else results.push({ rows: [], rowCount: (rows as mysql.ResultSetHeader).affectedRows, fields: [] });
    }
    await connection.commit();
    return results;
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

/** PostgreSQL SQLSTATE classes and MySQL errors worth another attempt: lost connections, deadlocks, serialization failures, resources. */
function databaseError(product: string, error: unknown): Error {
  if (error instanceof NodeError) return error;
  const { code, errno, message } = error as { code?: string; errno?: number; message?: string };
  const text = `${product}: ${message ?? String(error)}`;
  const network = typeof code === "string" && /^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|PROTOCOL_CONNECTION_LOST)/.test(code);
  const pgTransient = typeof code === "string" && /^(08|40|53|57P)/.test(code);
  const mysqlTransient = errno === 1213 || errno === 1205 || errno === 2013;
  return new NodeError(text, { retriable: network || pgTransient || mysqlTransient, details: code ? { code } : undefined });
}
