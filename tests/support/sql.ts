import Database from "better-sqlite3";
import pg from "pg";
import type { TestDatabase } from "./databases";

/** Direct database access, to age or seed rows (what cannot be waited for) and to count them. */
export async function sql(database: TestDatabase, statement: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (database.kind === "sqlite") {
    const sqlite = new Database(database.url.replace(/^file:/, ""));
    try {
      const prepared = sqlite.prepare(statement.replace(/\$\d+/g, "?"));
      return prepared.reader ? (prepared.all(...params) as Record<string, unknown>[]) : (prepared.run(...params), []);
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows;
  } finally {
    await client.end();
  }
}

/** A stored JSON column as a value: SQLite gives its text, PostgreSQL the parsed jsonb. */
export function storedJson<T = unknown>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** A timestamp as each database stores Prisma DateTimes. */
export function stamp(database: TestDatabase, date: Date): unknown {
  return database.kind === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date;
}

/**
 * Makes the database refuse run history's completed row of node `nodeId` (the error says "<nodeId>
 * by the test") until the returned function allows it again.
 */
export async function refuseCompletedStepRun(database: TestDatabase, nodeId: string): Promise<() => Promise<void>> {
  const refuse =
    database.kind === "sqlite"
      ? [`CREATE TRIGGER "${nodeId}" BEFORE INSERT ON "StepRun" WHEN NEW."nodeId" = '${nodeId}' AND NEW."status" = 'completed' BEGIN SELECT RAISE(ABORT, '${nodeId} by the test'); END`]
      : [
          `CREATE OR REPLACE FUNCTION "${nodeId}"() RETURNS trigger AS $$ BEGIN IF NEW."nodeId" = '${nodeId}' AND NEW."status" = 'completed' THEN RAISE EXCEPTION '${nodeId} by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
          `CREATE TRIGGER "${nodeId}" BEFORE INSERT ON "StepRun" FOR EACH ROW EXECUTE FUNCTION "${nodeId}"()`,
        ];
  for (const statement of refuse) await sql(database, statement);
  return async () => {
    await sql(database, database.kind === "sqlite" ? `DROP TRIGGER IF EXISTS "${nodeId}"` : `DROP TRIGGER IF EXISTS "${nodeId}" ON "StepRun"`);
  };
}
