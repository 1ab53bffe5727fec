import { AsyncLocalStorage } from "node:async_hooks";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { writeTogether } from "./direct-sql";

/**
 * Writes left for the embedded engine to commit with a step's result: run history's rows for a
 * completed attempt (lib/runs/history.ts), a run's start (when the workflow function finds it
 * queued) and its completion (lib/runs/run-row-writes.ts), held step results, and the engine's
 * end of the run (lib/engine/executor.ts). Run history's row for a completed attempt used to be
 * committed inside the step, and the SDK's checkpoint of the step's result right after it: two
 * commits in turn per step (two round trips on PostgreSQL), about a quarter of a linear
 * workflow's time per step. Left here, they are written in the checkpoint's own transaction
 * (lib/engine/store.ts, one statement on PostgreSQL): after a crash both exist or neither, and
 * neither means the step runs again, as any step in flight at a crash does. What no checkpoint
 * took (a result the SDK returns in its answer instead) is written when the app's answer arrives,
 * before the engine stores anything from it: the order the writes had before.
 *
 * Only while the embedded engine calls the app in-process (lib/engine/executor.ts): the SDK's
 * checkpoints then reach the engine in the same async context. Anywhere else (a real Inngest
 * server, a node tested on its own) there is no one to leave them to and the caller writes them.
 */
interface Deferred {
  statements: Prisma.Sql[];
  /** Writes left by key (deferKeyed), by their kind: written before all the statements, whenever left (none of those touches their rows). */
  keyed: Map<KeyedWrites<unknown>, Map<string, unknown>>;
  /** Stores under way (withDeferredWrites): what they took is neither left nor written yet. */
  storing: Set<Promise<unknown>>;
  /** False once the call that collects them has ended: later writes are the caller's own. */
  open: boolean;
  /** Set by a step whose result may wait for the next checkpoint (see mayHoldResult), until that checkpoint. */
  holdable: boolean;
  /** Checkpoints left with the statements since the last one stored, and the bytes of their results. */
  held: { results: number; bytes: number };
  storeHeld: () => Promise<boolean>;
}

/**
 * Writes a call leaves for one thing (a key) in turn, kept as one value until written, so that
 * what they come to is written as one: a run's start and its end become one update of its row
 * (lib/runs/run-row-writes.ts).
 */
export interface KeyedWrites<T> {
  statements(value: T): Prisma.Sql[];
  /** What `earlier` and `later`, left in turn for one key, come to. */
  combine(earlier: T, later: T): T;
}

/**
 * Bounds on the results held for the next checkpoint: a long chain of transforms still shows in
 * run history as it goes, and held results (up to Inngest's 4 MB each) do not pile up in memory.
 * The bytes are the results' (their run-history rows, holding the output again, come on top).
 */
const MAX_HELD_RESULTS = 50;
const MAX_HELD_BYTES = 1024 * 1024;

const holder = globalThis as typeof globalThis & { __switchboardDeferredWrites?: AsyncLocalStorage<Deferred> };
// One store per process: the engine's bundle and the app's may each have their own copy of this module.
const storage = (holder.__switchboardDeferredWrites ??= new AsyncLocalStorage<Deferred>());

/** Leaves `statements` to the engine when it will store this step's result; false when the caller must write them. */
export function deferWrites(statements: Prisma.Sql[]): boolean {
  const deferred = storage.getStore();
  if (!deferred?.open) return false;
  deferred.statements.push(...statements);
  return true;
}

/** Leaves `value` for `key` to the engine, combined with what was left for it before; false when the caller must write it. */
export function deferKeyed<T>(kind: KeyedWrites<T>, key: string, value: T): boolean {
  const deferred = storage.getStore();
  if (!deferred?.open) return false;
  leaveKeyed(deferred, kind, key, value);
  return true;
}

function leaveKeyed<T>(deferred: Deferred, kind: KeyedWrites<T>, key: string, value: T) {
  const values = (deferred.keyed.get(kind) ?? new Map<string, unknown>()) as Map<string, T>;
  const earlier = values.get(key);
  values.set(key, earlier === undefined ? value : kind.combine(earlier, value));
  deferred.keyed.set(kind, values);
}

/** Everything left so far, none left after: the keyed values and the statements, and all of them as statements to write (keyed first). */
function takeAll(deferred: Deferred) {
  const keyed = deferred.keyed;
  deferred.keyed = new Map();
  const rest = deferred.statements.splice(0);
  const writes = [...[...keyed].flatMap(([kind, values]) => [...values.values()].flatMap((value) => kind.statements(value))), ...rest];
  return { keyed, rest, writes };
}

/** Gives back what a failed store took: before what was left since (keyed values combined with those left since). */
function giveBack(deferred: Deferred, taken: ReturnType<typeof takeAll>) {
  const since = deferred.keyed;
  deferred.keyed = taken.keyed;
  for (const [kind, values] of since) for (const [key, value] of values) leaveKeyed(deferred, kind, key, value);
  deferred.statements.unshift(...taken.rest);
}

/**
 * Lets the checkpoint of the step now ending be held: its result stored with the next checkpoint's
 * transaction (or when the call ends) instead of in one of its own. Only for a step that changes
 * nothing outside its run (a transform, a condition: `pure` in lib/nodes/types.ts): if the process
 * dies first, the step runs again, which nothing outside the run can tell; every other step's
 * checkpoint stores the held results with its own, so a step with effects is stored together with
 * all it came after. Outside the engine's in-process call it does nothing.
 */
export function mayHoldResult(): void {
  const deferred = storage.getStore();
  if (deferred?.open) deferred.holdable = true;
}

/**
 * Holds a checkpoint for the next one when the step it stores allowed it (mayHoldResult) and the
 * held results stay within bounds: `statements` (storing results of `bytes` JSON) are left with
 * the writes for it. True when held. Every checkpoint asks, so a step's allowance ends with its own.
 */
export function holdCheckpoint(statements: () => Prisma.Sql[] | null, bytes: number): boolean {
  const deferred = storage.getStore();
  if (!deferred?.open || !deferred.holdable) return false;
  deferred.holdable = false;
  if (deferred.held.results + 1 > MAX_HELD_RESULTS || deferred.held.bytes + bytes > MAX_HELD_BYTES) return false;
  const held = statements();
  if (!held) return false;
  deferred.statements.push(...held);
  deferred.held = { results: deferred.held.results + 1, bytes: deferred.held.bytes + bytes };
  return true;
}

/**
 * Runs `store` with the writes left so far in this call, to be written in its transaction, once
 * the stores under way ended (so what is left is written in the order it was left). If it fails
 * they stay left, before what was left meanwhile (keyed values combined with it): written with
 * the next checkpoint or when the call ends (the SDK then hands the step's result over in its
 * answer instead).
 */
export async function withDeferredWrites<T>(store: (writes: Prisma.Sql[]) => Promise<T>): Promise<T> {
  const deferred = storage.getStore();
  if (!deferred) return store([]);
  // Waited for in this function itself: from the last check on, nothing yields until this store
  // is among those under way, so two stores waiting together do not both start.
  while (deferred.storing.size) await Promise.allSettled(deferred.storing);
  // After the call's end, what is left is the end's to write: a late store writes only its own.
  if (!deferred.open) return store([]);
  const taken = takeAll(deferred);
  const held = deferred.held;
  deferred.held = { results: 0, bytes: 0 };
  const storing = (async () => {
    try {
      return await store(taken.writes);
    } catch (error) {
      giveBack(deferred, taken);
      // Results held while this store was under way stay counted with those it gives back.
      deferred.held = { results: held.results + deferred.held.results, bytes: held.bytes + deferred.held.bytes };
      throw error;
    }
  })();
  deferred.storing.add(storing);
  try {
    return await storing;
  } finally {
    deferred.storing.delete(storing);
  }
}

/**
 * Stores what this call holds (held checkpoints, run history of the steps they store) now, in
 * one commit: before a step that acts outside its run starts (lib/execution/step-tools.ts), so it
 * starts only once all it came after is stored, and before a long step is shown as running, so
 * run history shows what ran before it.
 * False when the run no longer runs (the step should not start); true when nothing was held and
 * no store was under way.
 */
export async function storeHeldResults(): Promise<boolean> {
  const deferred = storage.getStore();
  if (!deferred?.open) return true;
  // What a store under way took is stored only once it ends (and left again if it fails); from the
  // last check on nothing yields until storeHeld's own store is under way. A store waited for may
  // have found the run ended, so the run is read then even when nothing is left to store.
  let waited = false;
  while (deferred.storing.size) {
    waited = true;
    await Promise.allSettled(deferred.storing);
  }
  if (!waited && !deferred.statements.length && !deferred.keyed.size) return true;
  return deferred.storeHeld();
}

/**
 * Runs `call` collecting the writes its steps leave; those no checkpoint took are written when it
 * ends (a failed write fails the call). `storeHeld` stores them with the run's status read, as a
 * checkpoint of no result does (storeHeldResults).
 */
export async function collectDeferredWrites<T>(call: () => Promise<T>, storeHeld: () => Promise<boolean>): Promise<T> {
  const deferred: Deferred = { statements: [], keyed: new Map(), storing: new Set(), open: true, holdable: false, held: { results: 0, bytes: 0 }, storeHeld };
  try {
    return await storage.run(deferred, call);
  } finally {
    deferred.open = false;
    while (deferred.storing.size) await Promise.allSettled(deferred.storing);
    const { writes } = takeAll(deferred);
    if (writes.length) await writeTogether(writes);
  }
}
