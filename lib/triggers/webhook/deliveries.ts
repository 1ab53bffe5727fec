import { ApiError, notFound } from "@/lib/api/http";
import { appTriggerOf } from "@/lib/connectors";
import { db, type Tx } from "@/lib/db/client";
import { retryOnUniqueConflict } from "@/lib/db/unique-conflict";
import { WEBHOOK_DEDUP_SCOPE_PREFIX } from "@/lib/idempotency";
import { newId } from "@/lib/ids";
import { toJson } from "@/lib/json";
import { dispatchRuns, insertQueuedRun, queuedRunData, type QueuedRun } from "@/lib/runs/dispatch";
import { touchLastTriggered } from "../workflow-trigger";
import { commitAccepted } from "./group-commit";
import { parseBody } from "./parse";
import type { DeliveryOutcome } from "./output";
import type { WebhookResponse } from "./respond";

/** Bodies are stored up to this size for the Deliveries tab and re-sending; larger ones are cut and marked. */
export const STORED_BODY_LIMIT = 256 * 1024;


export interface DeliveryRecord {
  workflowId: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  contentType: string | null;
  raw?: Buffer | null;
  /** Shown instead of the body when it was not read (e.g. too large). */
  bodyNote?: string;
  outcome: DeliveryOutcome;
  reason?: string;
  status: number;
  runId?: string;
  dedupKey?: string;
  responseState?: "waiting";
  resentFrom?: string;
}

export function deliveryData(id: string, record: DeliveryRecord) {
  const raw = record.raw ?? null;
  const truncated = !!raw && raw.length > STORED_BODY_LIMIT;
  const body = raw ? (truncated ? raw.subarray(0, STORED_BODY_LIMIT) : raw).toString("utf8") : (record.bodyNote ?? null);
  return {
    id,
    workflowId: record.workflowId,
    method: record.method,
    path: record.path,
    query: toJson(record.query),
    headers: record.headers,
    contentType: record.contentType,
    body,
    bodyTruncated: truncated,
    outcome: record.outcome,
    reason: record.reason ?? null,
    status: record.status,
    runId: record.runId ?? null,
    dedupKey: record.dedupKey ?? null,
    responseState: record.responseState ?? null,
    resentFrom: record.resentFrom ?? null,
  };
}

/** Stores a delivery that started nothing (rejected or duplicate); never fails the request. */
export async function recordDelivery(record: DeliveryRecord): Promise<string> {
  const id = newId("dlv");
  try {
    await db().webhookDelivery.create({ data: deliveryData(id, record) });
  } catch (error) {
    console.error("[webhooks] recording a delivery failed", error);
  }
  return id;
}

export type AcceptResult = { duplicate: false; deliveryId: string; runId: string } | { duplicate: true; runId: string; deliveryId: string };

/**
 * Stores an accepted delivery and its queued run in one transaction. With a dedup key, a key seen
 * within the window makes it a duplicate instead (the key is claimed in the same transaction; a
 * concurrent request with the same key loses on the unique key and is retried as a duplicate).
 */
export async function acceptDelivery(
  record: Omit<DeliveryRecord, "outcome" | "runId">,
  run: { workspaceId: string; workflowVersion: number; trigger: unknown },
  dedup?: { key: string; windowMs: number },
): Promise<AcceptResult> {
  if (!dedup) {
    // The common case: no interactive transaction; concurrent deliveries share a group commit.
    const runId = newId("run");
    const deliveryId = newId("dlv");
    await commitAccepted(
      queuedRunData({ workspaceId: run.workspaceId, workflowId: record.workflowId, workflowVersion: run.workflowVersion, triggerKind: "webhook", trigger: run.trigger, runId }),
      deliveryData(deliveryId, { ...record, outcome: "accepted", runId }),
    );
    return { duplicate: false, deliveryId, runId };
  }
  const scope = `${WEBHOOK_DEDUP_SCOPE_PREFIX}${record.workflowId}`;
  return retryOnUniqueConflict(() =>
    db().$transaction(async (tx: Tx): Promise<AcceptResult> => {
      const existing = await tx.idempotencyRecord.findUnique({ where: { scope_key: { scope, key: dedup.key } } });
      if (existing && existing.createdAt.getTime() > Date.now() - dedup.windowMs) {
        const first = existing.result as { runId: string; deliveryId: string };
        return { duplicate: true, runId: first.runId, deliveryId: first.deliveryId };
      }
      if (existing) await tx.idempotencyRecord.delete({ where: { scope_key: { scope, key: dedup.key } } });
      const deliveryId = newId("dlv");
      const queued: QueuedRun = await insertQueuedRun(tx, { workspaceId: run.workspaceId, workflowId: record.workflowId, workflowVersion: run.workflowVersion, triggerKind: "webhook", trigger: run.trigger });
      await tx.webhookDelivery.create({ data: deliveryData(deliveryId, { ...record, outcome: "accepted", runId: queued.runId, dedupKey: dedup.key }) });
      await tx.idempotencyRecord.create({ data: { scope, key: dedup.key, result: { runId: queued.runId, deliveryId } } });
      return { duplicate: false, deliveryId, runId: queued.runId };
    }),
  );
}

export interface DeliverySummary {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  contentType: string | null;
  body: string | null;
  bodyTruncated: boolean;
  outcome: DeliveryOutcome;
  reason: string | null;
  status: number;
  runId: string | null;
  dedupKey: string | null;
  resentFrom: string | null;
  /** What a respond-from-the-workflow delivery answered. */
  response: WebhookResponse | null;
}

type Row = Awaited<ReturnType<Db["webhookDelivery"]["findMany"]>>[number];
type Db = ReturnType<typeof db>;

function present(row: Row): DeliverySummary {
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    method: row.method,
    path: row.path,
    query: (row.query as Record<string, string> | null) ?? {},
    headers: row.headers as Record<string, string>,
    contentType: row.contentType,
    body: row.body,
    bodyTruncated: row.bodyTruncated,
    outcome: row.outcome as DeliveryOutcome,
    reason: row.reason,
    status: row.status,
    runId: row.runId,
    dedupKey: row.dedupKey,
    resentFrom: row.resentFrom,
    response: (row.response as WebhookResponse | null) ?? null,
  };
}

/** Newest first; pass `nextCursor` as `cursor` for the next page. */
export async function listDeliveries(workspaceId: string, workflowId: string, options: { cursor?: string; limit?: number; outcome?: string } = {}) {
  if (!(await db().workflow.findFirst({ where: { id: workflowId, workspaceId }, select: { id: true } }))) throw notFound("Workflow");
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const rows = await db().webhookDelivery.findMany({
    where: { workflowId, ...(options.cursor ? { id: { lt: options.cursor } } : {}), ...(options.outcome ? { outcome: options.outcome } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { deliveries: page.map(present), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}

export async function getDelivery(workspaceId: string, workflowId: string, deliveryId: string): Promise<DeliverySummary> {
  const row = await db().webhookDelivery.findFirst({ where: { id: deliveryId, workflowId, workflow: { workspaceId } } });
  if (!row) throw notFound("Delivery");
  return present(row);
}

/**
 * Starts a new run from a stored delivery, as if it arrived again. Signature checks and dedup are
 * bypassed: the original was verified (or deliberately rejected) when it arrived, and re-sending
 * is an operator's explicit choice. Bodies cut for storage cannot be re-sent.
 */
export async function resendDelivery(workspaceId: string, workflowId: string, deliveryId: string): Promise<{ deliveryId: string; runId: string }> {
  const original = await db().webhookDelivery.findFirst({ where: { id: deliveryId, workflowId, workflow: { workspaceId } } });
  if (!original) throw notFound("Delivery");
  if (original.bodyTruncated) throw new ApiError(409, "This delivery's body was too large to store in full, so it cannot be re-sent");
  if (original.status === 413) throw new ApiError(409, "This delivery's body was not stored (it exceeded the size limit)");
  if (!original.runId) {
    // An app's ping (Airtable) starts no run itself: its changes were fetched, each one a delivery of its own; so are the events of a delivery that holds several (SendGrid).
    const trigger = await db().workflowTrigger.findUnique({ where: { workflowId }, select: { type: true } });
    const app = trigger ? appTriggerOf(trigger.type)?.trigger : undefined;
    if (app?.changes) throw new ApiError(409, "This delivery is a notification that starts no run itself; its changes are listed as deliveries of their own, which can be re-sent");
    if (app?.events) throw new ApiError(409, "This delivery is a list of events that starts no run itself; each event accepted from it is listed as a delivery of its own, which can be re-sent");
  }
  const workflow = await db().workflow.findUnique({ where: { id: workflowId }, select: { version: true } });
  if (!workflow) throw notFound("Workflow");
  let body: unknown;
  try {
    body = parseBody(original.body ?? "", original.contentType);
  } catch (error) {
    throw new ApiError(409, `The stored body cannot be parsed: ${(error as Error).message}`);
  }
  const trigger = { method: original.method, headers: original.headers, query: original.query ?? {}, body };
  const result = await db().$transaction(async (tx) => {
    const queued = await insertQueuedRun(tx, { workspaceId, workflowId, workflowVersion: workflow.version, triggerKind: "webhook", trigger });
    const id = newId("dlv");
    await tx.webhookDelivery.create({
      data: {
        ...deliveryData(id, {
          workflowId,
          method: original.method,
          path: original.path,
          query: (original.query as Record<string, string> | null) ?? {},
          headers: original.headers as Record<string, string>,
          contentType: original.contentType,
          raw: original.body === null ? null : Buffer.from(original.body, "utf8"),
          outcome: "accepted",
          reason: `Re-sent from delivery ${original.id}`,
          status: 202,
          runId: queued.runId,
          resentFrom: original.id,
        }),
      },
    });
    return { deliveryId: id, runId: queued.runId, queued };
  });
  await dispatchRuns([result.queued]);
  touchLastTriggered(workflowId);
  return { deliveryId: result.deliveryId, runId: result.runId };
}
