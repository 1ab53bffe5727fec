import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { dbKind } from "./client";

/**
 * A JSON value as a bound parameter of raw SQL, for a nullable Json column: jsonb on PostgreSQL
 * (a text parameter needs the cast), JSON text on SQLite (as Prisma stores it); null is SQL NULL.
 */
export function jsonSql(value: unknown): Prisma.Sql {
  if (value === undefined || value === null) return Prisma.sql`NULL`;
  const text = JSON.stringify(value);
  return dbKind() === "postgresql" ? Prisma.sql`CAST(${text} AS jsonb)` : Prisma.sql`${text}`;
}
