import { AsyncLocalStorage } from "node:async_hooks";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { writeTogether } from "./direct-sql";

/**
 * Writes a step leaves for the embedded engine to commit with the step's result: run history's
 * rows for a completed attempt, and a run's completion (lib/runs/history.ts). Run history's
 * row for a completed attempt used to be committed inside the step, and the SDK's checkpoint of
 * the step's result right after it: two commits in turn per step (two round trips on
 * PostgreSQL), about a quarter of a linear workflow's time per step. Left here, they are written
 * in the checkpoint's own transaction (lib/engine/store.ts, one statement on PostgreSQL): after a
 * crash both exist or neither, and neither means the step runs again, as any step in flight at a
 * crash does. What no checkpoint took (a result the SDK returns in its answer instead) is written
 * when the app's answer arrives, before the engine stores anything from it: the order the writes
 * had before.
 *
 * Only while the embedded engine calls the app in-process (lib/engine/executor.ts): the SDK's
 * checkpoints then reach the engine in the same async context. Anywhere else (a real Inngest
 * server, a node tested on its own) there is no one to leave them to and the caller writes them.
 */
interface Deferred {
  statements: Prisma.Sql[];
  /** False once the call that collects them has ended: later writes are the caller's own. */
  open: boolean;
}

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

/**
 * Runs `store` with the writes left so far in this call, to be written in its transaction. If it
 * fails they stay left: written with the next checkpoint or when the call ends (the SDK then
 * hands the step's result over in its answer instead).
 */
export async function withDeferredWrites<T>(store: (writes: Prisma.Sql[]) => Promise<T>): Promise<T> {
  const deferred = storage.getStore();
  const writes = deferred ? deferred.statements.splice(0) : [];
  try {
    return await store(writes);
  } catch (error) {
    deferred?.statements.unshift(...writes);
    throw error;
  }
}

/** Runs `call` collecting the writes its steps leave; those no checkpoint took are written when it ends (a failed write fails the call). */
export async function collectDeferredWrites<T>(call: () => Promise<T>): Promise<T> {
  const deferred: Deferred = { statements: [], open: true };
  try {
    return await storage.run(deferred, call);
  } finally {
    deferred.open = false;
    if (deferred.statements.length) await writeTogether(deferred.statements.splice(0));
  }
}
