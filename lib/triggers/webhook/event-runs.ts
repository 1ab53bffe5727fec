import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import type { AppEventRun } from "@/lib/connectors/define";
import { db, type Tx } from "@/lib/db/client";
import { retryOnUniqueConflict } from "@/lib/db/unique-conflict";
import { APP_DEDUP_WINDOW_HOURS, WEBHOOK_DEDUP_SCOPE_PREFIX } from "@/lib/idempotency";
import { newId } from "@/lib/ids";
import { queuedRunData, type QueuedRun } from "@/lib/runs/dispatch";
import { deliveryData, type DeliveryRecord } from "./deliveries";
import type { WebhookTriggerOutput } from "./output";

/**
 * A delivery that holds several events (an app trigger's `events`: SendGrid posts a list of
 * e-mail events), one run each. In one transaction, committed before the request is answered:
 * the delivery as received (accepted, or duplicate when every event was seen before; no run of
 * its own), and for each event not seen before its run, a delivery whose body is the event (listed
 * under Deliveries with its run, re-sendable on its own) and its key, claimed in the webhook's
 * dedup scope. An event whose key is held within the window, or repeated within the delivery,
 * starts nothing; a concurrent delivery claiming one of the same keys first makes this one's
 * transaction fail on the unique key and go again, seeing that event as a repeat.
 */

/** A repeat of an event within this window starts nothing (as an app trigger's redelivery, lib/triggers/webhook/target.ts). */
const WINDOW_MS = APP_DEDUP_WINDOW_HOURS * 3_600_000;
const MAX_KEY_LENGTH = 500;
/** Keys looked up per query, well under the databases' limits on bound parameters. */
const KEYS_PER_QUERY = 500;

export interface EventRunsResult {
  deliveryId: string;
  /** The runs started, in the events' order. */
  started: QueuedRun[];
  /** For each event that was a repeat: the run its first delivery started. */
  repeats: string[];
}

export async function acceptEventRuns(
  record: Omit<DeliveryRecord, "outcome" | "runId" | "status" | "reason" | "dedupKey">,
  run: { workspaceId: string; workflowVersion: number; trigger: Omit<WebhookTriggerOutput, "body"> },
  events: AppEventRun[],
): Promise<EventRunsResult> {
  return retryOnUniqueConflict(() => db().$transaction((tx) => storeEventRuns(tx, record, run, events)));
}

async function storeEventRuns(tx: Tx, record: Parameters<typeof acceptEventRuns>[0], run: Parameters<typeof acceptEventRuns>[1], events: AppEventRun[]): Promise<EventRunsResult> {
  const scope = `${WEBHOOK_DEDUP_SCOPE_PREFIX}${record.workflowId}`;
  const keyed = events.map((event) => ({ ...event, key: event.key.slice(0, MAX_KEY_LENGTH) }));
  const held = await heldKeys(tx, scope, [...new Set(keyed.map((event) => event.key))]);
  const deliveryId = newId("dlv");
  const started: QueuedRun[] = [];
  const repeats: string[] = [];
  const runs: ReturnType<typeof queuedRunData>[] = [];
  const deliveries: ReturnType<typeof deliveryData>[] = [];
  const claims: Prisma.IdempotencyRecordCreateManyInput[] = [];
  for (const [index, event] of keyed.entries()) {
    const first = held.get(event.key);
    if (first) {
      repeats.push(first);
      continue;
    }
    const runId = newId("run");
    const eventDeliveryId = newId("dlv");
    held.set(event.key, runId);
    started.push({ runId, workflowId: record.workflowId });
    runs.push(queuedRunData({ workspaceId: run.workspaceId, workflowId: record.workflowId, workflowVersion: run.workflowVersion, triggerKind: "webhook", trigger: { ...run.trigger, body: event.body }, runId }));
    deliveries.push(
      deliveryData(eventDeliveryId, {
        ...record,
        contentType: "application/json",
        raw: Buffer.from(JSON.stringify(event.body)),
        outcome: "accepted",
        reason: `Event ${index + 1} of ${events.length} in delivery ${deliveryId}`,
        status: 202,
        runId,
        dedupKey: event.key,
      }),
    );
    claims.push({ scope, key: event.key, result: { runId, deliveryId: eventDeliveryId } });
  }
  const reason = `${events.length} event(s) asked for: ${started.length} run(s) started, each with a delivery of its own${repeats.length ? `; ${repeats.length} repeat(s) of events seen before` : ""}`;
  const received = deliveryData(deliveryId, { ...record, outcome: started.length ? "accepted" : "duplicate", reason, status: started.length ? 202 : 200 });
  if (runs.length) await tx.run.createMany({ data: runs });
  await tx.webhookDelivery.createMany({ data: [received, ...deliveries] });
  if (claims.length) await tx.idempotencyRecord.createMany({ data: claims });
  return { deliveryId, started, repeats };
}

/** The keys held within the window, with the run each one's first delivery started; expired claims are dropped so they can be claimed again. */
async function heldKeys(tx: Tx, scope: string, keys: string[]): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  const expired: string[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const rows = await tx.idempotencyRecord.findMany({ where: { scope, key: { in: keys.slice(i, i + KEYS_PER_QUERY) } } });
    for (const row of rows) {
      if (row.createdAt.getTime() > Date.now() - WINDOW_MS) held.set(row.key, (row.result as { runId: string }).runId);
      else expired.push(row.key);
    }
  }
  if (expired.length) await tx.idempotencyRecord.deleteMany({ where: { scope, key: { in: expired } } });
  return held;
}
