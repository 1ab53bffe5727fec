import { Prisma } from "@/lib/generated/prisma-sqlite/client";

/**
 * PostgreSQL only: `writes` (INSERT/UPDATE/DELETE statements) and `statement` as one statement, so
 * one round trip instead of one each or a transaction's four. A data-modifying WITH runs to
 * completion whether or not the outer statement reads it; all of them see the same snapshot, so
 * they must not touch the same rows. SQLite has no data-modifying WITH (and no round trips to
 * save): run them one after another there.
 */
export function afterWrite(writes: Prisma.Sql | Prisma.Sql[], statement: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`WITH ${Prisma.join(
    [writes].flat().map((write, i) => Prisma.sql`${Prisma.raw(`"write${i}"`)} AS (${write})`),
    ", ",
  )} ${statement}`;
}
