import { z } from "zod";
import { inngest } from "@/inngest/client";
import { RESERVED_EVENT_PREFIXES } from "@/inngest/events";
import { ApiError, invalid } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import { retryOnUniqueConflict } from "@/lib/db/unique-conflict";
import { newId } from "@/lib/ids";
import { IDEMPOTENCY_WINDOW_MS } from "@/lib/idempotency";
import { eventTriggerConfigSchema } from "@/lib/nodes/trigger-event";
import { dispatchRuns, insertQueuedRun, type QueuedRun } from "@/lib/runs/dispatch";
import { eventPatternMatches } from "@/lib/triggers/event-pattern";
import { engineEventName } from "./engine-name";
import { touchLastTriggered } from "@/lib/triggers/workflow-trigger";

/** An event as the integration-pattern literature has it: `{ id, name, occurredAt, source, data }`. */
export interface SwitchboardEvent {
  id: string;
  name: string;
  occurredAt: string;
  source: string;
  data: Record<string, unknown>;
}

export const eventInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Name the event")
      .max(200)
      .regex(/^[^\s]+$/, "Event names have no spaces")
      .refine((name) => !RESERVED_EVENT_PREFIXES.some((p) => name.startsWith(p)), "This event name prefix is reserved"),
    data: z.record(z.string(), z.unknown()).default({}),
    id: z.string().trim().min(1).max(200).optional(),
    occurredAt: z.iso.datetime({ offset: true, message: "Use an ISO 8601 timestamp, e.g. 2026-01-31T12:00:00Z" }).optional(),
    source: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export interface PublishResult {
  result: { id: string };
  duplicate: boolean;
  /** Runs started in subscribed workflows. */
  runs: number;
}

/**
 * Publishes an event: stores it together with one queued run per active workflow whose
 * `trigger.event` subscribes to its name (in one transaction), then starts those runs and hands
 * the event to the engine (which resumes runs waiting for it in `flow.wait-for-event`). The id
 * (given, derived from an Idempotency-Key, or generated) deduplicates: a repeat within 24 h starts
 * nothing. A workflow never receives an event it published itself (`source` "workflow:<id>").
 */
export async function publishEvent(workspaceId: string, input: unknown, idempotencyKey?: string): Promise<PublishResult> {
  const parsed = eventInputSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "Invalid event");
  const given = parsed.data;
  const event: SwitchboardEvent = {
    id: given.id ?? (idempotencyKey ? `key:${idempotencyKey}` : newId("evt")),
    name: given.name,
    occurredAt: given.occurredAt ? new Date(given.occurredAt).toISOString() : new Date().toISOString(),
    source: given.source ?? "api",
    data: given.data,
  };
  const subscribers = await subscribersOf(workspaceId, event);

  const outcome = await retryOnUniqueConflict(() =>
    db().$transaction(async (tx): Promise<{ duplicate: true; id: string } | { duplicate: false; runs: QueuedRun[] }> => {
      const existing = await tx.triggerEvent.findUnique({ where: { id: event.id }, select: { receivedAt: true, workspaceId: true } });
      if (existing && existing.workspaceId !== workspaceId) throw new ApiError(409, "This event id is taken; choose another id", [{ path: "id", message: "Already used" }]);
      if (existing && existing.receivedAt.getTime() > Date.now() - IDEMPOTENCY_WINDOW_MS) return { duplicate: true as const, id: event.id };
      if (existing) await tx.triggerEvent.delete({ where: { id: event.id } });
      // Re-read inside the transaction: a workflow switched off since is skipped, and runs use the current version.
      const workflows = subscribers.length
        ? await tx.workflow.findMany({ where: { id: { in: subscribers }, workspaceId, active: true }, select: { id: true, version: true } })
        : [];
      const runs: QueuedRun[] = [];
      for (const workflow of workflows) {
        runs.push(await insertQueuedRun(tx, { workspaceId, workflowId: workflow.id, workflowVersion: workflow.version, triggerKind: "event", trigger: event }));
      }
      await tx.triggerEvent.create({
        data: { id: event.id, workspaceId, name: event.name, source: event.source, occurredAt: new Date(event.occurredAt), data: event.data as object, runCount: runs.length },
      });
      return { duplicate: false as const, runs };
    }),
  );
  if (outcome.duplicate) return { result: { id: event.id }, duplicate: true, runs: 0 };
  await dispatchRuns(outcome.runs);
  for (const run of outcome.runs) touchLastTriggered(run.workflowId);
  await dispatchEvent(workspaceId, event);
  return { result: { id: event.id }, duplicate: false, runs: outcome.runs.length };
}

/** Active workflows of the workspace whose event trigger matches the event's name (not the one that published it). */
async function subscribersOf(workspaceId: string, event: SwitchboardEvent): Promise<string[]> {
  const rows = await db().workflowTrigger.findMany({ where: { type: "trigger.event", workflow: { active: true, workspaceId } }, select: { workflowId: true, config: true } });
  const publisher = event.source.startsWith("workflow:") ? event.source.slice("workflow:".length) : null;
  return rows
    .filter((row) => row.workflowId !== publisher)
    .filter((row) => {
      const config = eventTriggerConfigSchema.safeParse(row.config);
      return config.success && config.data.events.some((pattern) => eventPatternMatches(pattern, event.name));
    })
    .map((row) => row.workflowId);
}

/** Hands the event to the engine for the workspace's waiting runs; the engine deduplicates by event id. */
async function dispatchEvent(workspaceId: string, event: SwitchboardEvent) {
  await inngest.send({ name: engineEventName(workspaceId, event.name), data: event.data, id: event.id });
  await db().triggerEvent.update({ where: { id: event.id }, data: { dispatchedAt: new Date() } });
}

/** Events stored but never handed to the engine (the process died in between) are sent again on start. */
export async function redispatchEvents(olderThanMs = 5_000): Promise<number> {
  const rows = await db().triggerEvent.findMany({
    where: { dispatchedAt: null, receivedAt: { lt: new Date(Date.now() - olderThanMs) } },
    take: 1000,
    orderBy: { receivedAt: "asc" },
  });
  for (const row of rows) {
    await dispatchEvent(row.workspaceId, { id: row.id, name: row.name, source: row.source, occurredAt: row.occurredAt.toISOString(), data: row.data as Record<string, unknown> });
  }
  return rows.length;
}
