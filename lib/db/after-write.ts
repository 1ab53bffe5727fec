import { Prisma } from "@/lib/generated/prisma-sqlite/client";

/**
 * PostgreSQL only: `write` (an INSERT/UPDATE/DELETE) and `statement` as one statement, so one
 * round trip instead of two or a transaction's four. A data-modifying WITH runs to completion
 * whether or not the outer statement reads it. SQLite has no data-modifying WITH (and no round
 * trips to save): run the two there.
 */
export function afterWrite(write: Prisma.Sql, statement: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`WITH "write" AS (${write}) ${statement}`;
}
