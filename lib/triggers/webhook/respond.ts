import { db } from "@/lib/db/client";
import { toJson } from "@/lib/json";

export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

// Handlers waiting for a run's response, by run id (module instances differ per Next.js bundle).
const holder = globalThis as typeof globalThis & { __switchboardResponseWaiters?: Map<string, () => void> };
const waiters = (holder.__switchboardResponseWaiters ??= new Map<string, () => void>());

const POLL_MS = 200;

// Told of every response set in this process (an execution process passes them to the server, lib/runtime).
const listenerHolder = globalThis as typeof globalThis & { __switchboardRespondedListeners?: { listeners: Set<(runId: string) => void> } };
const respondedListeners = (listenerHolder.__switchboardRespondedListeners ??= { listeners: new Set() });

export function onResponded(listener: (runId: string) => void): () => void {
  respondedListeners.listeners.add(listener);
  return () => respondedListeners.listeners.delete(listener);
}

/** Wakes this process's request waiting for the run's response, if there is one; it reads the response from the database. */
export function responseReady(runId: string): void {
  waiters.get(runId)?.();
}

/**
 * Waits until the run's action.respond node has set the response (notified in-process, and read
 * from the database in case the node ran in another process), or the timeout passes. Exactly one
 * side wins: the node's update and the timeout's both require `responseState = waiting`.
 */
export function awaitResponse(deliveryId: string, runId: string, timeoutMs: number): Promise<WebhookResponse | null> {
  return new Promise((resolve) => {
    let finished = false;
    const finish = (response: WebhookResponse | null) => {
      if (finished) return;
      finished = true;
      clearInterval(poll);
      clearTimeout(timer);
      waiters.delete(runId);
      resolve(response);
    };
    const check = async () => {
      const row = await db().webhookDelivery.findUnique({ where: { id: deliveryId }, select: { responseState: true, response: true } });
      if (row?.responseState === "responded") finish(row.response as unknown as WebhookResponse);
    };
    const safeCheck = () => void check().catch(() => {});
    waiters.set(runId, safeCheck);
    const poll = setInterval(safeCheck, POLL_MS);
    const expire = async () => {
      try {
        const { count } = await db().webhookDelivery.updateMany({ where: { id: deliveryId, responseState: "waiting" }, data: { responseState: "timed-out" } });
        if (count) finish(null);
        else await check();
      } catch {
        finish(null);
      } finally {
        finish(null);
      }
    };
    const timer = setTimeout(() => void expire(), timeoutMs);
  });
}

/** What action.respond does: records the response for the run's waiting webhook request. */
export async function respondToWebhook(runId: string, response: WebhookResponse): Promise<{ responded: boolean; reason?: string }> {
  const { count } = await db().webhookDelivery.updateMany({ where: { runId, responseState: "waiting" }, data: { responseState: "responded", response: toJson(response), status: response.status } });
  if (count) {
    responseReady(runId);
    for (const listener of respondedListeners.listeners) listener(runId);
    return { responded: true };
  }
  const delivery = await db().webhookDelivery.findFirst({ where: { runId, outcome: "accepted" }, select: { responseState: true, status: true } });
  if (!delivery) return { responded: false, reason: "The run was not started by a webhook request, so there is nothing to respond to" };
  switch (delivery.responseState) {
    case "responded":
      return { responded: true, reason: "The response was already set by an earlier attempt" };
    case "timed-out":
      return { responded: false, reason: "The webhook request was already answered with 202 after its response timeout" };
    default:
      return { responded: false, reason: `The webhook is in immediate mode: the request was already answered with ${delivery.status}` };
  }
}
