import { isUniqueConflict } from "@/lib/db/unique-conflict";
import { db } from "@/lib/db/client";
import type { RateLimit } from "@/lib/connections/types";

/**
 * Rate limits per connection, shared by every run and process: a token bucket without bursts
 * kept as GCRA in the RateLimitBucket table (`tat` = when the next call may start). A caller
 * reserves the next free slot with compare-and-set and starts its call at that time, so calls
 * are spaced at least `period / requests` apart, FIFO. Calls are spaced 20% wider than the limit
 * so jitter on the way (network, a busy process on either side) cannot make the provider count one
 * call too many in a window.
 *
 * Long waits are durable: before a node's attempt the workflow walker asks `durableWaitUntil`,
 * and sleeps in the engine (no process waits) while the queue ahead is longer than a second.
 * A 429's Retry-After moves the bucket's next slot, so every caller waits it out.
 */

const SAFETY = 1.2;
/** Waits up to this long happen inside the attempt; longer ones are durable sleeps in the walker. */
export const DURABLE_WAIT_MIN_MS = 1000;

function periodMs(limit: RateLimit): number {
  return limit.per === "minute" ? 60_000 : 1000;
}

export function intervalMs(limit: RateLimit): number {
  return (periodMs(limit) / limit.requests) * SAFETY;
}

/**
 * How late after its claimed start a call may still leave (`spacing`): half the widening's slack
 * over `requests` intervals. Starts claimed `interval` apart and left at most this late put at most
 * `requests` calls in any window of the limit's period, with the other half left for jitter on the way.
 */
export function lateStartMs(limit: RateLimit): number {
  return (periodMs(limit) * (SAFETY - 1)) / 2;
}

/** Claims spent for lateness before a call goes with the one it has (a database that slow stays slow). */
const LATE_RECLAIMS = 3;

/** GCRA without bursts: the slot a call gets and the bucket's next `tat`. */
export function nextSlot(tat: number, now: number, interval: number): { slot: number; tat: number } {
  const slot = Math.max(now, tat);
  return { slot, tat: slot + interval };
}

async function readTat(key: string): Promise<{ tat: number; version: number } | null> {
  const row = await db().rateLimitBucket.findUnique({ where: { key } });
  return row ? { tat: row.tat.getTime(), version: row.version } : null;
}

async function casTat(key: string, previous: { version: number } | null, tat: number): Promise<boolean> {
  try {
    if (!previous) {
      await db().rateLimitBucket.create({ data: { key, tat: new Date(tat) } });
      return true;
    }
    const { count } = await db().rateLimitBucket.updateMany({ where: { key, version: previous.version }, data: { tat: new Date(tat), version: previous.version + 1 } });
    return count > 0;
  } catch (error) {
    if (isUniqueConflict(error)) return false;
    throw error;
  }
}

/** Reserves the next slot; returns when the call may start (epoch ms). `interval` 0 only honours a Retry-After. */
export async function reserveSlot(key: string, interval: number): Promise<number> {
  for (let tries = 0; ; tries++) {
    const current = await readTat(key);
    const now = Date.now();
    if (interval === 0) return Math.max(now, current?.tat ?? now);
    const { slot, tat } = nextSlot(current?.tat ?? now, now, interval);
    if (await casTat(key, current, tat)) return slot;
    if (tries > 50) throw new Error(`Could not reserve a rate-limit slot for ${key}`);
  }
}

/** Waits for a slot (in-process; the signal ends the wait), then returns. Call `spacing` right before sending. */
export async function acquire(key: string, interval: number, signal?: AbortSignal): Promise<void> {
  const slot = await reserveSlot(key, interval);
  await sleep(slot - Date.now(), signal);
}

/** The row beside a key's bucket that holds when its last call started (`spacing`). */
function startedKey(key: string): string {
  return `${key}#started`;
}

/** Every row a key's limit keeps, to delete with its connection. */
export function rateLimitRows(key: string): string[] {
  return [key, startedKey(key)];
}

/**
 * The last gate, right before a request leaves: calls of a key start at least `interval` apart
 * even when a process's timers fire late (a busy event loop) and the calls of one connection
 * leave from several processes (lib/runtime/executors.ts): each start is claimed with
 * compare-and-set on the key's "started" row, and the caller sends as soon as the claim is committed.
 * A claim committed more than `lateStart` after the start it claimed (a busy database) is spent,
 * and the call claims a start again, up to LATE_RECLAIMS times: sent late, it could be one call too
 * many in the provider's window.
 */
export async function spacing(key: string, interval: number, lateStart: number, signal?: AbortSignal): Promise<void> {
  if (interval <= 0) return;
  const row = startedKey(key);
  let reclaims = 0;
  for (let tries = 0; ; tries++) {
    const last = await readTat(row);
    const now = Date.now();
    const next = (last?.tat ?? -Infinity) + interval;
    if (next > now) {
      await sleep(next - now, signal);
      continue;
    }
    if (await casTat(row, last, now)) {
      if (Date.now() - now <= lateStart || reclaims === LATE_RECLAIMS) return;
      reclaims++;
      continue;
    }
    if (tries > 100) throw new Error(`Could not claim a call start for ${key}`);
  }
}

/** After a 429 with Retry-After: no call of this key starts before `until`. */
export async function pushBack(key: string, until: number): Promise<void> {
  for (let tries = 0; tries < 20; tries++) {
    const current = await readTat(key);
    if (current && current.tat >= until) return;
    if (await casTat(key, current, until)) return;
  }
}

/** When a caller should start waiting durably instead of in-process: null when the queue ahead is short. */
export async function durableWaitUntil(key: string, limited = true): Promise<string | null> {
  const current = await readTat(key);
  if (!current) return null;
  const wait = current.tat - Date.now();
  // A Retry-After push-back is waited out whole; a queue of reserved slots until it is short.
  if (!limited) return wait > 0 ? new Date(current.tat).toISOString() : null;
  return wait > DURABLE_WAIT_MIN_MS ? new Date(current.tat - DURABLE_WAIT_MIN_MS / 2).toISOString() : null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an aborted wait rejects with the signal's reason, as fetch and timers/promises do
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an aborted wait rejects with the signal's reason, as fetch and timers/promises do
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
