import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import type { Tx } from "@/lib/db/client";
import { readJson, type Statements } from "@/lib/db/direct-sql";
import { evaluateCondition } from "./condition";
import { runEndWrites } from "./store";
import { resolveInngestTime } from "./time";
import type { FunctionConfig } from "./types";

/**
 * cancelOn as Inngest keeps it: when a run starts, each of its function's cancel entries is stored
 * for it (EngineCancel), with the entry's `timeout` turned into the time after which the event no
 * longer cancels the run. For the SDK's `match` form (`event.<path> == async.<path>`) the run's side
 * of the comparison is stored as a key, so an arriving event finds the runs it cancels through an
 * index instead of every running run being read and evaluated. Other conditions are evaluated
 * against the runs that have that cancel entry only.
 */

type Registered = { id: string; config: FunctionConfig };
type Event = { name: string; data: Record<string, unknown> };

export interface CancelRow {
  runId: string;
  position: number;
  functionId: string;
  eventName: string;
  matchKey: string | null;
  expiresAt: Date | null;
}

const MATCH_FORM = /^\s*event\.([\w.]+)\s*==\s*async\.([\w.]+)\s*$/;

/** The two paths of a condition in the SDK's match form, or null. */
function matchForm(condition: string | undefined): { runPath: string; eventPath: string } | null {
  const match = condition ? MATCH_FORM.exec(condition) : null;
  return match ? { runPath: match[1], eventPath: match[2] } : null;
}

function keyOf(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function lookup(value: unknown, path: string): unknown {
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The cancel entries of a run that starts now. */
export function cancelRowsFor(fn: Registered, runId: string, event: Event, startedAt: Date): CancelRow[] {
  return (fn.config.cancel ?? []).map((cancel, position) => {
    const match = matchForm(cancel.if);
    return {
      runId,
      position,
      functionId: fn.id,
      eventName: cancel.event,
      matchKey: match ? keyOf(lookup(event, match.runPath)) : null,
      expiresAt: cancel.timeout ? resolveInngestTime(cancel.timeout, startedAt.getTime()) : null,
    };
  });
}

/**
 * Gives running runs that have no cancel entries the entries of their function, as they would have
 * got at their start: runs started before entries were stored at start (an upgrade while they
 * wait) are then cancelled by their events too. Runs that have entries keep them, as on Inngest,
 * where a run keeps the cancellation of the function version it started with. Run at app sync.
 */
export async function backfillCancels(tx: Tx, functions: Registered[]): Promise<number> {
  let added = 0;
  for (const fn of functions) {
    if (!fn.config.cancel?.length) continue;
    const running = await tx.engineRun.findMany({ where: { functionId: fn.id, status: "running" }, select: { id: true, event: true, createdAt: true } });
    if (!running.length) continue;
    const covered = new Set((await tx.engineCancel.findMany({ where: { functionId: fn.id }, select: { runId: true }, distinct: ["runId"] })).map((row) => row.runId));
    const rows = running.filter((run) => !covered.has(run.id)).flatMap((run) => cancelRowsFor(fn, run.id, run.event as Event, run.createdAt));
    if (rows.length) await tx.engineCancel.createMany({ data: rows });
    added += rows.length;
  }
  return added;
}

/** Cancels the running runs this event cancels (the runs' cancel entries that match it and have not expired). */
export function* cancelRuns(functions: Registered[], event: Event, nameMatches: (pattern: string, name: string) => boolean): Statements<void> {
  const now = new Date();
  for (const fn of functions) {
    for (const [position, cancel] of (fn.config.cancel ?? []).entries()) {
      if (!nameMatches(cancel.event, event.name)) continue;
      const match = matchForm(cancel.if);
      const matchKey = match ? Prisma.sql`c."matchKey" = ${keyOf(lookup(event, match.eventPath))}` : Prisma.sql`c."matchKey" IS NULL`;
      const where = Prisma.sql`c."eventName" = ${cancel.event} AND c."functionId" = ${fn.id} AND c."position" = ${position} AND ${matchKey} AND (c."expiresAt" IS NULL OR c."expiresAt" > ${now})`;
      // A condition outside the match form is evaluated against each run's event, read with its entry.
      const evaluate = !match && cancel.if ? cancel.if : null;
      const entries = yield evaluate
        ? Prisma.sql`SELECT c."runId", r."event" FROM "EngineCancel" c JOIN "EngineRun" r ON r."id" = c."runId" WHERE ${where}`
        : Prisma.sql`SELECT c."runId" FROM "EngineCancel" c WHERE ${where}`;
      const runIds = entries.filter((entry) => !evaluate || safeCondition(evaluate, { event: readJson(entry.event), async: event })).map((entry) => entry.runId as string);
      for (const runId of runIds) yield* runEndWrites(runId, "cancelled");
    }
  }
}

function safeCondition(source: string, scope: Record<string, unknown>): boolean {
  try {
    return evaluateCondition(source, scope);
  } catch {
    return false;
  }
}
