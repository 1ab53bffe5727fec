import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db } from "@/lib/db/client";

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
 * Group commit for accepted deliveries: requests that arrive while a commit is in flight are
 * stored together in the next transaction (two multi-row inserts), and each request is answered
 * only once its own rows are committed. Under load this turns hundreds of small transactions a
 * second into a few large ones; alone, a delivery commits at once.
 */
export function commitAccepted(run: RunRow, delivery: DeliveryRow): Promise<void> {
  return new Promise((resolve, reject) => {
    state.queue.push({ run, delivery, resolve, reject });
    if (!state.flushing) void flush();
  });
}

async function flush() {
  state.flushing = true;
  try {
    while (state.queue.length) {
      const batch = state.queue.splice(0, MAX_BATCH);
      try {
        await db().$transaction([db().run.createMany({ data: batch.map((p) => p.run) }), db().webhookDelivery.createMany({ data: batch.map((p) => p.delivery) })]);
        batch.forEach((p) => p.resolve());
      } catch {
        // Something in the batch failed: commit each on its own, so one bad row fails only its request.
        for (const p of batch) {
          try {
            await db().$transaction([db().run.create({ data: p.run }), db().webhookDelivery.create({ data: p.delivery })]);
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
