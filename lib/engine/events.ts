import { db, type Tx } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { insertRows } from "@/lib/db/insert-rows";
import { cancelRowsFor, cancelRuns, type CancelRow } from "./cancellation";
import { evaluateCondition } from "./condition";
import { memoize, registeredFunctions, scheduleDiscovery } from "./store";
import type { InngestEvent } from "./types";
import { wakeWorker } from "./wake";

type Registered = Awaited<ReturnType<typeof registeredFunctions>>;
type StoredEvent = { id: string; name: string; data: Record<string, unknown>; ts: number; user?: Record<string, unknown> };

/** Stores events and everything they cause (new runs, cancellations, resumed waits) in one transaction. */
export async function acceptEvents(events: InngestEvent[]): Promise<string[]> {
  await waitForFirstSync();
  const ids = await db().$transaction((tx) => acceptEventBatch(tx, events));
  wakeWorker();
  return ids;
}

export async function acceptEvent(tx: Tx, incoming: InngestEvent): Promise<string> {
  return (await acceptEventBatch(tx, [incoming]))[0];
}

/**
 * Events in order, with a handful of statements per batch rather than per event (a burst of
 * webhooks hands hundreds at once): repeats of a known id are looked up together, and new events
 * with the runs they start are inserted together. An event that cancels runs first writes what
 * came before it, so it cancels exactly the runs it would have one at a time.
 */
async function acceptEventBatch(tx: Tx, incoming: InngestEvent[]): Promise<string[]> {
  const external = [...new Set(incoming.flatMap((e) => (e.id ? [e.id] : [])))];
  const known = new Map<string, string>();
  if (external.length) {
    for (const row of await tx.engineEvent.findMany({ where: { externalId: { in: external } }, select: { id: true, externalId: true } })) known.set(row.externalId!, row.id);
  }
  const functions = await registeredFunctions(tx);
  const pending = new PendingRows();
  const accepted: StoredEvent[] = [];
  const ids: string[] = [];
  const now = new Date();

  for (const e of incoming) {
    const repeat = e.id ? known.get(e.id) : undefined;
    if (repeat) {
      ids.push(repeat);
      continue;
    }
    const id = newId("evt");
    if (e.id) known.set(e.id, id);
    const ts = e.ts ?? Date.now();
    const event: StoredEvent = { id: e.id ?? id, name: e.name, data: e.data ?? {}, ts, ...(e.user ? { user: e.user } : {}) };
    ids.push(id);
    accepted.push(event);
    pending.events.push({ id, name: event.name, data: event.data, externalId: e.id ?? null, ts: new Date(ts), receivedAt: now });
    for (const fn of functions) {
      if (!triggers(fn, event)) continue;
      const runId = newId("erun");
      pending.runs.push({ id: runId, functionId: fn.id, event, status: "running", createdAt: now });
      pending.cancels.push(...cancelRowsFor(fn, runId, event, now));
      pending.jobs.push({ id: newId("job"), runId, kind: "discover", stepId: "", attempt: 0, runAt: now, createdAt: now });
    }
    if (functions.some((fn) => fn.config.cancel?.some((c) => nameMatches(c.event, event.name)))) {
      await pending.write(tx);
      await cancelRuns(tx, functions, event, nameMatches);
    }
  }
  await pending.write(tx);
  await resumeWaits(tx, accepted);
  return ids;
}

class PendingRows {
  events: { id: string; name: string; data: unknown; externalId: string | null; ts: Date; receivedAt: Date }[] = [];
  runs: { id: string; functionId: string; event: unknown; status: string; createdAt: Date }[] = [];
  jobs: { id: string; runId: string; kind: string; stepId: string; attempt: number; runAt: Date; createdAt: Date }[] = [];
  cancels: CancelRow[] = [];

  async write(tx: Tx) {
    await insertRows(tx, "EngineEvent", this.events, ["data"]);
    await insertRows(tx, "EngineRun", this.runs, ["event"]);
    await insertRows(tx, "EngineJob", this.jobs);
    await insertRows(tx, "EngineCancel", this.cancels as unknown as Record<string, unknown>[]);
    this.events = [];
    this.runs = [];
    this.jobs = [];
    this.cancels = [];
  }
}

function triggers(fn: Registered[number], event: StoredEvent): boolean {
  return fn.config.triggers.some((t) => "event" in t && nameMatches(t.event, event.name) && (!t.expression || safeCondition(t.expression, { event })));
}

/** Each waiting step takes the first of the events that matches it. */
async function resumeWaits(tx: Tx, events: StoredEvent[]) {
  if (!events.length) return;
  const waits = await tx.engineWait.findMany({ where: { eventName: { in: [...new Set(events.map((e) => e.name))] } } });
  for (const wait of waits) {
    const candidates = events.filter((e) => e.name === wait.eventName);
    const run = await tx.engineRun.findUnique({ where: { id: wait.runId }, select: { event: true, status: true } });
    if (run?.status !== "running") continue;
    const event = candidates.find((e) => !wait.condition || safeCondition(wait.condition, { event: run.event, async: e }));
    if (!event) continue;
    await tx.engineWait.delete({ where: { runId_stepId: { runId: wait.runId, stepId: wait.stepId } } });
    await tx.engineJob.deleteMany({ where: { runId: wait.runId, kind: "wait", stepId: wait.stepId } });
    await memoize(tx, wait.runId, wait.stepId, { data: event });
    await scheduleDiscovery(tx, wait.runId);
  }
}

/**
 * On a fresh database the app registers its functions a moment after the server starts; an
 * event accepted before that would trigger nothing, so early events wait for the first sync.
 */
async function waitForFirstSync(timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let functions = await registeredFunctions(db());
  while (functions.length === 0) {
    if (Date.now() > deadline) throw new Error("No functions are registered with the embedded engine yet");
    await new Promise((resolve) => setTimeout(resolve, 100));
    functions = await registeredFunctions(db(), { fresh: true });
  }
}

function nameMatches(pattern: string, name: string): boolean {
  if (!pattern.includes("*")) return pattern === name;
  const regex = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`);
  return regex.test(name);
}

function safeCondition(source: string, scope: Record<string, unknown>): boolean {
  try {
    return evaluateCondition(source, scope);
  } catch {
    return false;
  }
}
