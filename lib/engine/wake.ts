import { EventEmitter } from "node:events";

// One emitter per process, shared by every bundle Next.js builds (route handlers, instrumentation).
const holder = globalThis as typeof globalThis & { __switchboardEngineWake?: EventEmitter };
const emitter = (holder.__switchboardEngineWake ??= new EventEmitter().setMaxListeners(0));

/** Tells the worker that new work may be due, so it does not wait for its next poll. */
export function wakeWorker(): void {
  emitter.emit("wake");
}

export function onWake(listener: () => void): () => void {
  emitter.on("wake", listener);
  return () => emitter.off("wake", listener);
}
