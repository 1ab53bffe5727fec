import { db, type Tx } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { jsonSql } from "@/lib/db/json-sql";
import { toJson } from "@/lib/json";
import { evaluateCondition } from "./condition";
import type { FunctionConfig, InngestEvent, StepState } from "./types";
import { wakeWorker } from "./wake";

/**
 * The embedded engine's durable state. Everything that must survive a crash is committed here
 * before it is acknowledged: accepted events, memoized steps, timers (jobs) and waits.
 */

export const FAILED_EVENT = "inngest/function.failed";

export async function registerApp(appId: string, url: string, functions: FunctionConfig[]): Promise<void> {
  await db().$transaction(async (tx) => {
    for (const fn of functions) {
      const fnUrl = fn.steps.step?.runtime.url ?? url;
      await tx.engineFunction.upsert({
        where: { id: fn.id },
        create: { id: fn.id, appId, url: fnUrl, config: toJson(fn) as object },
        update: { appId, url: fnUrl, config: toJson(fn) as object },
      });
    }
    await tx.engineFunction.deleteMany({ where: { appId, id: { notIn: functions.map((f) => f.id) } } });
  });
  functionCache = null;
}

let functionCache: { at: number; functions: { id: string; config: FunctionConfig }[] } | null = null;

async function registeredFunctions(tx: Tx | ReturnType<typeof db>) {
  if (functionCache && Date.now() - functionCache.at < 5000) return functionCache.functions;
  const rows = await tx.engineFunction.findMany({ select: { id: true, config: true } });
  const functions = rows.map((r) => ({ id: r.id, config: r.config as unknown as FunctionConfig }));
  functionCache = { at: Date.now(), functions };
  return functions;
}

/** Stores events and everything they cause (new runs, cancellations, resumed waits) in one transaction. */
export async function acceptEvents(events: InngestEvent[]): Promise<string[]> {
  await waitForFirstSync();
  const ids = await db().$transaction(async (tx) => {
    const out: string[] = [];
    for (const event of events) out.push(await acceptEvent(tx, event));
    return out;
  });
  wakeWorker();
  return ids;
}

export async function acceptEvent(tx: Tx, incoming: InngestEvent): Promise<string> {
  if (incoming.id) {
    const existing = await tx.engineEvent.findUnique({ where: { externalId: incoming.id }, select: { id: true } });
    if (existing) return existing.id;
  }
  const id = newId("evt");
  const ts = incoming.ts ?? Date.now();
  const event = { id: incoming.id ?? id, name: incoming.name, data: incoming.data ?? {}, ts, ...(incoming.user ? { user: incoming.user } : {}) };
  await tx.engineEvent.create({ data: { id, name: event.name, data: toJson(event.data) as object, externalId: incoming.id ?? null, ts: new Date(ts) } });

  const now = new Date();
  for (const fn of await registeredFunctions(tx)) {
    const triggered = fn.config.triggers.some(
      (t) => "event" in t && nameMatches(t.event, event.name) && (!t.expression || safeCondition(t.expression, { event })),
    );
    if (triggered) {
      const runId = newId("erun");
      await tx.engineRun.create({ data: { id: runId, functionId: fn.id, event: toJson(event) as object, status: "running" } });
      await tx.engineJob.create({ data: { id: newId("job"), runId, kind: "discover", stepId: "", runAt: now } });
    }
    for (const cancel of fn.config.cancel ?? []) {
      if (!nameMatches(cancel.event, event.name)) continue;
      const running = await tx.engineRun.findMany({ where: { functionId: fn.id, status: "running" }, select: { id: true, event: true } });
      for (const run of running) {
        if (!cancel.if || safeCondition(cancel.if, { event: run.event, async: event })) await endRun(tx, run.id, "cancelled");
      }
    }
  }

  const waits = await tx.engineWait.findMany({ where: { eventName: event.name } });
  for (const wait of waits) {
    const run = await tx.engineRun.findUnique({ where: { id: wait.runId }, select: { event: true, status: true } });
    if (run?.status !== "running") continue;
    if (wait.condition && !safeCondition(wait.condition, { event: run.event, async: event })) continue;
    await tx.engineWait.delete({ where: { runId_stepId: { runId: wait.runId, stepId: wait.stepId } } });
    await tx.engineJob.deleteMany({ where: { runId: wait.runId, kind: "wait", stepId: wait.stepId } });
    await memoize(tx, wait.runId, wait.stepId, { data: event });
    await scheduleDiscovery(tx, wait.runId);
  }
  return id;
}

/**
 * On a fresh database the app registers its functions a moment after the server starts; an
 * event accepted before that would trigger nothing, so early events wait for the first sync.
 */
async function waitForFirstSync(timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await registeredFunctions(db())).length === 0) {
    functionCache = null;
    if (Date.now() > deadline) throw new Error("No functions are registered with the embedded engine yet");
    await new Promise((resolve) => setTimeout(resolve, 100));
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

function stepFields(state: StepState) {
  return "error" in state ? { error: toJson(state.error), data: toJson(null) } : { data: toJson({ value: state.data }), error: toJson(null) };
}

/** Records a step's result; the first result recorded for a step is the one that stays. */
export async function memoize(tx: Tx, runId: string, stepId: string, state: StepState): Promise<void> {
  await tx.engineStep.upsert({ where: { runId_stepId: { runId, stepId } }, create: { runId, stepId, ...stepFields(state) }, update: {} });
}

/**
 * Stores the results of steps the SDK ran inline (its checkpoints, one per step), keeping any
 * result recorded first. A plain insert per step rather than a transaction: a result stored for
 * a run that ended meanwhile is never read. False when the run no longer runs (the SDK stops).
 */
export async function checkpointSteps(runId: string, steps: { id: string; state: StepState }[]): Promise<boolean> {
  const now = new Date();
  for (const { id, state } of steps) {
    const [data, error] = "error" in state ? [null, state.error ?? null] : [{ value: state.data }, null];
    await db().$executeRaw`INSERT INTO "EngineStep" ("runId", "stepId", "data", "error", "createdAt")
      VALUES (${runId}, ${id}, ${jsonSql(data)}, ${jsonSql(error)}, ${now}) ON CONFLICT ("runId", "stepId") DO NOTHING`;
  }
  const run = await db().engineRun.findUnique({ where: { id: runId }, select: { status: true } });
  return run?.status === "running";
}

/**
 * Makes sure a discovery request runs after this transaction. If the run's discovery job is
 * already executing, `rerun` makes it run once more when it finishes (its request may predate
 * the new state).
 */
export async function scheduleDiscovery(tx: Tx, runId: string): Promise<void> {
  const now = new Date();
  await tx.engineJob.upsert({
    where: { runId_kind_stepId: { runId, kind: "discover", stepId: "" } },
    create: { id: newId("job"), runId, kind: "discover", stepId: "", runAt: now },
    update: { rerun: true, runAt: now },
  });
}

/** Adds a job unless one exists for the same run, kind and step. */
export async function scheduleJob(tx: Tx, job: { runId: string; kind: "step" | "sleep" | "wait"; stepId: string; runAt: Date; attempt?: number }) {
  await tx.engineJob.upsert({
    where: { runId_kind_stepId: { runId: job.runId, kind: job.kind, stepId: job.stepId } },
    create: { id: newId("job"), attempt: 0, ...job },
    update: {},
  });
}

export async function endRun(tx: Tx, runId: string, status: "completed" | "failed" | "cancelled", result: { output?: unknown; error?: unknown } = {}) {
  const { count } = await tx.engineRun.updateMany({
    where: { id: runId, status: "running" },
    data: { status, output: toJson(result.output), error: toJson(result.error), endedAt: new Date() },
  });
  await tx.engineJob.deleteMany({ where: { runId } });
  await tx.engineWait.deleteMany({ where: { runId } });
  return count > 0;
}
