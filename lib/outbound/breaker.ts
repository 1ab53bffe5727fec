import { isUniqueConflict } from "@/lib/db/unique-conflict";
import { db } from "@/lib/db/client";
import { NodeError } from "@/lib/nodes/errors";
import { breakerSettingsSchema, type BreakerSettings } from "@/lib/connections/types";

/**
 * Circuit breakers, one per connection (`conn:<id>`) or per host for calls without a connection
 * (`host:<hostname>`). The state lives in the CircuitState table, so every run and every process
 * shares it and it survives restarts; updates are compare-and-set on a version column. Reads are
 * cached for half a second in-process.
 *
 * closed → open: after `failureThreshold` consecutive failures, or when at least `minimumCalls`
 * calls in the current window of `windowSeconds` failed at `errorRatePercent` or more.
 * open → half-open: after `cooldownSeconds`, one caller claims the single trial call; everyone
 * else is still refused. The trial's success closes the breaker, its failure opens it again.
 */

export type CircuitStateName = "closed" | "open" | "half_open";

export interface CircuitRecord {
  state: CircuitStateName;
  failures: number;
  windowStart: number;
  windowCalls: number;
  windowFailures: number;
  openedAt: number | null;
  openUntil: number | null;
  trialUntil: number | null;
  lastError: string | null;
  version: number;
}

export const DEFAULT_BREAKER: BreakerSettings = breakerSettingsSchema.parse({});
/** How long a half-open trial call may take before another caller may try. */
const TRIAL_LEASE_MS = 120_000;
const CACHE_MS = 500;

export function breakerSettings(partial?: Partial<BreakerSettings>): BreakerSettings {
  return { ...DEFAULT_BREAKER, ...Object.fromEntries(Object.entries(partial ?? {}).filter(([, v]) => v !== undefined)) };
}

export function freshRecord(now: number): CircuitRecord {
  return { state: "closed", failures: 0, windowStart: now, windowCalls: 0, windowFailures: 0, openedAt: null, openUntil: null, trialUntil: null, lastError: null, version: -1 };
}

/** Whether a call may go ahead: `allow`, `trial` (the half-open probe; `next` must be stored first) or `reject`. */
export function admit(record: CircuitRecord, now: number): { decision: "allow" | "trial" | "reject"; next?: CircuitRecord } {
  if (record.state === "closed") return { decision: "allow" };
  if (record.state === "open" && (record.openUntil ?? 0) > now) return { decision: "reject" };
  if (record.state === "half_open" && (record.trialUntil ?? 0) > now) return { decision: "reject" };
  return { decision: "trial", next: { ...record, state: "half_open", trialUntil: now + TRIAL_LEASE_MS } };
}

/** The record after a call ended; `trial` when the call was the half-open probe. */
export function recordOutcome(record: CircuitRecord, now: number, ok: boolean, settings: BreakerSettings, trial: boolean, error?: string): CircuitRecord {
  const open = (r: CircuitRecord): CircuitRecord => ({ ...r, state: "open", openedAt: now, openUntil: now + settings.cooldownSeconds * 1000, trialUntil: null });
  if (trial || record.state === "half_open") {
    if (!trial) return record; // a call admitted before the breaker opened; the trial decides
    return ok ? { ...freshRecord(now), version: record.version } : open({ ...record, failures: record.failures + 1, lastError: error ?? record.lastError });
  }
  if (record.state === "open") return record;
  const next = { ...record };
  if (now - next.windowStart >= settings.windowSeconds * 1000) Object.assign(next, { windowStart: now, windowCalls: 0, windowFailures: 0 });
  next.windowCalls += 1;
  if (ok) next.failures = 0;
  else {
    next.failures += 1;
    next.windowFailures += 1;
    next.lastError = error ?? null;
  }
  const rateExceeded = next.windowCalls >= settings.minimumCalls && (next.windowFailures / next.windowCalls) * 100 >= settings.errorRatePercent;
  return !ok && (next.failures >= settings.failureThreshold || rateExceeded) ? open(next) : next;
}

export class CircuitOpenError extends NodeError {
  constructor(
    readonly circuit: string,
    label: string,
    record: CircuitRecord,
  ) {
    const until = record.state === "open" && record.openUntil ? `until ${new Date(record.openUntil).toISOString()}, then one trial call` : "while its trial call runs";
    // The underlying cause leads (what the person has to fix); the breaker is the context.
    const breaker = `circuit breaker for ${label} is open after repeated failures: calls are refused ${until}`;
    super(record.lastError ? `${record.lastError} (${breaker})` : `${breaker[0].toUpperCase()}${breaker.slice(1)}`, {
      retriable: false,
      details: { circuit: circuit, circuitState: record.state, lastError: record.lastError, openUntil: record.openUntil ? new Date(record.openUntil).toISOString() : null },
    });
    this.name = "CircuitOpenError";
  }
}

// ---- storage --------------------------------------------------------------------------------

// On globalThis: Next.js may load this module once per bundle (routes, instrumentation) in one process.
const sharedCache = globalThis as typeof globalThis & { __switchboardCircuits?: Map<string, { record: CircuitRecord; at: number }> };
const cache = (sharedCache.__switchboardCircuits ??= new Map<string, { record: CircuitRecord; at: number }>());

type Row = { key: string; state: string; failures: number; windowStart: Date; windowCalls: number; windowFailures: number; openedAt: Date | null; openUntil: Date | null; trialUntil: Date | null; lastError: string | null; version: number };

function fromRow(row: Row): CircuitRecord {
  return {
    state: row.state as CircuitStateName,
    failures: row.failures,
    windowStart: row.windowStart.getTime(),
    windowCalls: row.windowCalls,
    windowFailures: row.windowFailures,
    openedAt: row.openedAt?.getTime() ?? null,
    openUntil: row.openUntil?.getTime() ?? null,
    trialUntil: row.trialUntil?.getTime() ?? null,
    lastError: row.lastError,
    version: row.version,
  };
}

function toData(record: CircuitRecord) {
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    state: record.state,
    failures: record.failures,
    windowStart: new Date(record.windowStart),
    windowCalls: record.windowCalls,
    windowFailures: record.windowFailures,
    openedAt: date(record.openedAt),
    openUntil: date(record.openUntil),
    trialUntil: date(record.trialUntil),
    lastError: record.lastError?.slice(0, 500) ?? null,
  };
}

/**
 * The host's record: read again unless this process read it within CACHE_MS and it showed a
 * healthy host (closed, no failure counted). A failing host's record is always read, so a breaker
 * another process opened refuses calls here at once; a healthy host is admitted on a record up to
 * CACHE_MS old, so a host that just failed may get calls from other processes for that long.
 */
async function load(key: string, fresh = false): Promise<CircuitRecord> {
  const hit = cache.get(key);
  const healthy = hit && hit.record.state === "closed" && hit.record.failures === 0 && hit.record.windowFailures === 0;
  if (!fresh && healthy && Date.now() - hit.at < CACHE_MS) return hit.record;
  const row = await db().circuitState.findUnique({ where: { key } });
  const record = row ? fromRow(row) : freshRecord(Date.now());
  cache.set(key, { record, at: Date.now() });
  return record;
}

/** Stores `next` if the row is still at `previous.version`; false when another caller changed it first. */
async function compareAndSet(key: string, previous: CircuitRecord, next: CircuitRecord): Promise<boolean> {
  try {
    if (previous.version < 0) await db().circuitState.create({ data: { key, ...toData(next), version: 0 } });
    else {
      const { count } = await db().circuitState.updateMany({ where: { key, version: previous.version }, data: { ...toData(next), version: previous.version + 1 } });
      if (!count) return false;
    }
  } catch (error) {
    if (isUniqueConflict(error)) return false;
    throw error;
  }
  cache.set(key, { record: { ...next, version: previous.version + 1 }, at: Date.now() });
  return true;
}

export interface CircuitTicket {
  key: string;
  trial: boolean;
}

/** Admits a call or throws CircuitOpenError. Hand the ticket to `reportCall` when the call ends. */
export async function enterCircuit(key: string, label: string): Promise<CircuitTicket> {
  for (let tries = 0; tries < 5; tries++) {
    const record = await load(key, tries > 0);
    const { decision, next } = admit(record, Date.now());
    if (decision === "allow") return { key, trial: false };
    if (decision === "reject") throw new CircuitOpenError(key, label, record);
    if (await compareAndSet(key, record, next!)) return { key, trial: true };
  }
  throw new CircuitOpenError(key, label, await load(key, true));
}

export async function reportCall(ticket: CircuitTicket, ok: boolean, settings: BreakerSettings, error?: string): Promise<void> {
  for (let tries = 0; tries < 8; tries++) {
    const record = await load(ticket.key, true);
    const next = recordOutcome(record, Date.now(), ok, settings, ticket.trial, error);
    if (next === record) return;
    if (await compareAndSet(ticket.key, record, next)) return;
  }
}

export interface BreakerState {
  key: string;
  state: CircuitStateName;
  failures: number;
  openUntil: string | null;
  lastError: string | null;
  updatedAt: string;
}

/**
 * Every circuit breaker's state (for /api/metrics and the UI): one entry per connection or host
 * that has made calls. An open breaker whose cooldown passed reports "half_open" (its next call is the trial).
 */
export async function breakerStates(): Promise<BreakerState[]> {
  const rows = await db().circuitState.findMany({ orderBy: { key: "asc" } });
  const now = Date.now();
  return rows.map((row) => ({
    key: row.key,
    state: row.state === "open" && row.openUntil && row.openUntil.getTime() <= now ? "half_open" : (row.state as CircuitStateName),
    failures: row.failures,
    openUntil: row.openUntil && row.state === "open" ? row.openUntil.toISOString() : null,
    lastError: row.lastError,
    updatedAt: row.updatedAt.toISOString(),
  }));
}
