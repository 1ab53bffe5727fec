import { db, type Tx } from "@/lib/db/client";
import { triggerNodeOf } from "@/lib/document/trigger";
import type { WorkflowDocument } from "@/lib/document/schema";

/**
 * WorkflowTrigger mirrors each workflow's trigger node (type and config, secrets still encrypted)
 * so the scheduler, pollers, event fan-out and webhooks find their workflows without loading
 * every document. Written in the same transaction as each saved version.
 */
export async function syncWorkflowTrigger(tx: Tx, workflowId: string, version: number, document: WorkflowDocument) {
  const node = triggerNodeOf(document);
  if (!node) {
    await tx.workflowTrigger.deleteMany({ where: { workflowId } });
    return;
  }
  const data = { nodeId: node.id, type: node.type, version, config: node.config as object, activeSince: new Date() };
  await tx.workflowTrigger.upsert({ where: { workflowId }, create: { workflowId, ...data }, update: data });
}

/** A workflow was switched on: its schedule counts from now (fire times while it was off are not "missed"). */
export async function markTriggerActivated(workflowId: string) {
  await db().workflowTrigger.updateMany({ where: { workflowId }, data: { activeSince: new Date() } });
}

const lastTouched = new Map<string, number>();

/** Records when a trigger last started a run (at most once a second per workflow; best effort). */
export function touchLastTriggered(workflowId: string, at = new Date()) {
  const previous = lastTouched.get(workflowId) ?? 0;
  if (at.getTime() - previous < 1000) return;
  lastTouched.set(workflowId, at.getTime());
  if (lastTouched.size > 10_000) lastTouched.clear();
  db()
    .workflowTrigger.updateMany({ where: { workflowId, OR: [{ lastTriggeredAt: null }, { lastTriggeredAt: { lt: at } }] }, data: { lastTriggeredAt: at } })
    .catch((error) => console.error("[triggers] recording the last trigger time failed", error));
}
