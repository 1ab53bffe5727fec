import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseConfig, type DatabaseConfig } from "./config";

/**
 * Applies prisma/migrations/<sqlite|postgresql>/NNNN_name.sql in order, each in its own
 * transaction, recording them in _switchboard_migrations. Runs on every start; on PostgreSQL an
 * advisory lock lets several processes start at once. The SQL is generated from
 * prisma/schema.prisma by `npm run db:migration` (scripts/db/new-migration.mjs).
 */
const TABLE = "_switchboard_migrations";
const PG_LOCK_KEY = 7_234_911;

export interface MigrationResult {
  applied: string[];
}

export function migrationFiles(kind: DatabaseConfig["kind"], root = process.cwd()): { name: string; sql: string }[] {
  const dir = path.join(root, "prisma", "migrations", kind);
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ name: f.replace(/\.sql$/, ""), sql: readFileSync(path.join(dir, f), "utf8") }));
}

export async function migrateDatabase(config: DatabaseConfig = databaseConfig()): Promise<MigrationResult> {
  return config.kind === "postgresql" ? migratePostgres(config.url) : migrateSqlite(config.file!);
}

function migrateSqlite(file: string): MigrationResult {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file, { timeout: 10_000 });
  try {
    sqlite.pragma("journal_mode = WAL");
    // Table redefinitions (DROP + rename) would cascade deletes with foreign keys on; SQLite only
    // honours this pragma outside a transaction, so it is set for the whole migration connection
    // and the keys are checked before each commit instead.
    sqlite.pragma("foreign_keys = OFF");
    sqlite.exec(`CREATE TABLE IF NOT EXISTS "${TABLE}" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`);
    const done = new Set(sqlite.prepare(`SELECT "name" FROM "${TABLE}"`).pluck().all() as string[]);
    const applied: string[] = [];
    for (const migration of migrationFiles("sqlite")) {
      if (done.has(migration.name)) continue;
      sqlite.exec("BEGIN IMMEDIATE");
      try {
        sqlite.exec(migration.sql);
        const violations = sqlite.pragma("foreign_key_check") as unknown[];
        if (violations.length) throw new Error(`foreign key violations: ${JSON.stringify(violations.slice(0, 5))}`);
        sqlite.prepare(`INSERT INTO "${TABLE}" ("name", "appliedAt") VALUES (?, ?)`).run(migration.name, new Date().toISOString());
        sqlite.exec("COMMIT");
      } catch (error) {
        sqlite.exec("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    sqlite.close();
  }
}

async function migratePostgres(url: string): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "${TABLE}" ("name" TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL)`);
    const { rows } = await client.query<{ name: string }>(`SELECT "name" FROM "${TABLE}"`);
    const done = new Set(rows.map((r) => r.name));
    const applied: string[] = [];
    for (const migration of migrationFiles("postgresql")) {
      if (done.has(migration.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "${TABLE}" ("name", "appliedAt") VALUES ($1, now())`, [migration.name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
