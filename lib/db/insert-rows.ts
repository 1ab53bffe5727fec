import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { jsonSql } from "./json-sql";

/** Rows per statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const ROWS_PER_STATEMENT = 200;

/**
 * Multi-row INSERT statements for hot paths that write many rows at once: Prisma's createMany
 * compiles a new query plan for every call (its data is not parameterised), which cost more than
 * the writes. Every row must have the same columns; pass timestamps explicitly (SQLite's column
 * defaults write another text format than Prisma does) and SQL NULL as null.
 */
export function insertRowsSql(table: string, rows: Record<string, unknown>[], jsonColumns: readonly string[] = []): Prisma.Sql[] {
  if (!rows.length) return [];
  const columns = Object.keys(rows[0]);
  const json = new Set(jsonColumns);
  const header = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `);
  const statements: Prisma.Sql[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const values = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => (json.has(c) ? jsonSql(row[c]) : Prisma.sql`${row[c]}`)))})`);
    statements.push(Prisma.sql`${header}${Prisma.join(values)}`);
  }
  return statements;
}
