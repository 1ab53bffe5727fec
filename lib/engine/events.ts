import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db, type Tx } from "@/lib/db/client";
import { readJson, runStatements, runStatementsIn, type Statements } from "@/lib/db/direct-sql";
import { insertRowsSql } from "@/lib/db/insert-rows";
import { newId } from "@/lib/ids";
import { cancelRowsFor, cancelRuns, type CancelRow } from "./cancellation";
import { evaluateCondition } from "./condition";
import { discoveryUpsert, registeredFunctions, stepResultsInsert } from "./store";
import type { InngestEvent } from "./types";
import { wakeWorker } from "./wake";

type Registered = Awaited<ReturnType<typeof registeredFunctions>>;
type StoredEvent = { id: string; name: string; data: Record<string, unknown>; ts: number; user?: Record<string, unknown> };

/**
 * Stores events and everything they cause (new runs, cancellations, resumed waits) in one
 * transaction, with raw statements outside Prisma's query pipeline (lib/db/direct-sql.ts): under a
 * webhook burst Prisma's interactive transaction here was a fifth of the server's CPU.
 */
export async function acceptEvents(events: InngestEvent[]): Promise<string[]> {
  const functions = await functionsOnceSynced();
  const ids = await runStatements(() => acceptEventBatch(functions, events));
  wakeWorker();
  return ids;
}

/** An event accepted inside a Prisma transaction that is already open (a run's failure, with its end). */
export async function acceptEvent(tx: Tx, incoming: InngestEvent): Promise<string> {
  return (await runStatementsIn(tx, acceptEventBatch(await registeredFunctions(tx), [incoming])))[0];
}

/** Ids per lookup of known events: far under either database's limit on bound parameters. */
const IDS_PER_LOOKUP = 500;

/**
 * Events in order, with a handful of statements per batch rather than per event (a burst of
 * webhooks hands hundreds at once): repeats of a known id are looked up together, and new events
 * with the runs they start are inserted together. An event that cancels runs first writes what
 * came before it, so it cancels exactly the runs it would have one at a time.
 */
function* acceptEventBatch(functions: Registered, incoming: InngestEvent[]): Statements<string[]> {
  const external = [...new Set(incoming.flatMap((e) => (e.id ? [e.id] : [])))];
  const known = new Map<string, string>();
  for (let i = 0; i < external.length; i += IDS_PER_LOOKUP) {
    const lookup = Prisma.sql`SELECT "id", "externalId" FROM "EngineEvent" WHERE "externalId" IN (${Prisma.join(external.slice(i, i + IDS_PER_LOOKUP))})`;
    for (const row of yield lookup) known.set(row.externalId as string, row.id as string);
  }
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
      yield* pending.write();
      yield* cancelRuns(functions, event, nameMatches);
    }
  }
  yield* pending.write();
  yield* resumeWaits(accepted);
  return ids;
}

class PendingRows {
  events: { id: string; name: string; data: unknown; externalId: string | null; ts: Date; receivedAt: Date }[] = [];
  runs: { id: string; functionId: string; event: unknown; status: string; createdAt: Date }[] = [];
  jobs: { id: string; runId: string; kind: string; stepId: string; attempt: number; runAt: Date; createdAt: Date }[] = [];
  cancels: CancelRow[] = [];

  *write(): Statements<void> {
    yield* insertRowsSql("EngineEvent", this.events, ["data"]);
    yield* insertRowsSql("EngineRun", this.runs, ["event"]);
    yield* insertRowsSql("EngineJob", this.jobs);
    yield* insertRowsSql("EngineCancel", this.cancels as unknown as Record<string, unknown>[]);
    this.events = [];
    this.runs = [];
    this.jobs = [];
    this.cancels = [];
  }
}

function triggers(fn: Registered[number], event: StoredEvent): boolean {
  return fn.config.triggers.some((t) => "event" in t && nameMatches(t.event, event.name) && (!t.expression || safeCondition(t.expression, { event })));
}

/** Each waiting step of a running run takes the first of the events that matches it. */
function* resumeWaits(events: StoredEvent[]): Statements<void> {
  if (!events.length) return;
  const waits = yield Prisma.sql`SELECT w."runId", w."stepId", w."eventName", w."condition", r."event" FROM "EngineWait" w JOIN "EngineRun" r ON r."id" = w."runId"
    WHERE w."eventName" IN (${Prisma.join([...new Set(events.map((e) => e.name))])}) AND r."status" = 'running'`;
  for (const wait of waits) {
    const [runId, stepId, condition] = [wait.runId as string, wait.stepId as string, wait.condition as string | null];
    const runEvent = readJson(wait.event);
    const event = events.find((e) => e.name === wait.eventName && (!condition || safeCondition(condition, { event: runEvent, async: e })));
    if (!event) continue;
    yield Prisma.sql`DELETE FROM "EngineWait" WHERE "runId" = ${runId} AND "stepId" = ${stepId}`;
    yield Prisma.sql`DELETE FROM "EngineJob" WHERE "runId" = ${runId} AND "kind" = 'wait' AND "stepId" = ${stepId}`;
    yield stepResultsInsert(runId, [{ id: stepId, state: { data: event } }]);
    yield discoveryUpsert(runId);
  }
}

/**
 * The synced functions. On a fresh database the app registers its functions a moment after the
 * server starts; an event accepted before that would trigger nothing, so early events wait for
 * the first sync.
 */
async function functionsOnceSynced(timeoutMs = 15_000): Promise<Registered> {
  const deadline = Date.now() + timeoutMs;
  let functions = await registeredFunctions(db());
  while (functions.length === 0) {
    if (Date.now() > deadline) throw new Error("No functions are registered with the embedded engine yet");
    await new Promise((resolve) => setTimeout(resolve, 100));
    functions = await registeredFunctions(db(), { fresh: true });
  }
  return functions;
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
