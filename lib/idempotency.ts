import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db, type Tx } from "@/lib/db/client";
import { retryOnUniqueConflict } from "@/lib/db/unique-conflict";

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Webhook dedup keys (scope `webhook:<workflow id>`), kept as long as the longest window a trigger may set (retention). */
export const WEBHOOK_DEDUP_SCOPE_PREFIX = "webhook:";
/** An app trigger's redelivery (or a change or event fetched or posted again) within this window starts no second run. */
export const APP_DEDUP_WINDOW_HOURS = 72;

/**
 * Runs `create` at most once per (scope, key) within 24 h: a repeat gets the first call's result
 * and `duplicate: true`. The key is claimed in the same transaction as the work it guards.
 */
export async function onceForKey<T extends object>(scope: string, key: string | undefined, create: (tx: Tx) => Promise<T>): Promise<{ result: T; duplicate: boolean }> {
  if (!key) return { result: await db().$transaction(create), duplicate: false };
  // A concurrent request with the same key committed first: the next try reads its result.
  return retryOnUniqueConflict(
    () =>
      db().$transaction(async (tx) => {
        const existing = await tx.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
        if (existing && existing.createdAt.getTime() > Date.now() - IDEMPOTENCY_WINDOW_MS) return { result: existing.result as T, duplicate: true };
        if (existing) await tx.idempotencyRecord.delete({ where: { scope_key: { scope, key } } });
        const result = await create(tx);
        await tx.idempotencyRecord.create({ data: { scope, key, result: JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue } });
        return { result, duplicate: false };
      }),
    2,
  );
}
