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

/** A timestamp as each database stores Prisma DateTimes. */
export function stamp(database: TestDatabase, date: Date): unknown {
  return database.kind === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date;
}
