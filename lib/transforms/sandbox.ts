import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CodeRunRequest, CodeRunResult } from "@/lib/nodes/transform-contract";

/**
 * Runs user JavaScript (the `transform.code` node) in QuickJS inside worker threads, so user code
 * never shares a JavaScript realm with the server and a busy loop never blocks its event loop.
 * QuickJS enforces the time limit (interrupt handler), the memory limit and a stack limit; as a
 * backstop a worker that does not answer shortly after the time limit is terminated.
 * The worker itself is lib/transforms/sandbox-worker.mjs.
 */

export const CODE_LIMITS = {
  maxTimeoutMs: 30_000,
  maxMemoryLimitMb: 256,
  /** Largest result (as JSON) a run may return. */
  maxResultBytes: 10 * 1024 * 1024,
} as const;

/** Time a fresh worker may take to load QuickJS before its time limit starts. */
const STARTUP_GRACE_MS = 5_000;
const MAX_WORKERS = Math.min(4, Math.max(2, availableParallelism()));
/** Idle workers are kept this long for the next run, then stopped. */
const IDLE_MS = 60_000;

interface WorkerReply {
  id: number;
  ok: boolean;
  result?: string;
  error?: Extract<CodeRunResult, { ok: false }>["error"];
  logs: CodeRunResult["logs"];
  fatal?: boolean;
}

interface PooledWorker {
  worker: Worker;
  exited: boolean;
  idleTimer?: NodeJS.Timeout;
}

const idle: PooledWorker[] = [];
let running = 0;
const waiting: (() => void)[] = [];
let nextId = 1;

function spawnWorker(): PooledWorker {
  const worker = new Worker(new URL("./sandbox-worker.mjs", import.meta.url), {
    // The worker's own V8 heap only holds the JSON going in and out; QuickJS's memory is separate.
    resourceLimits: { maxOldGenerationSizeMb: 512, stackSizeMb: 16 },
  });
  worker.unref();
  const pooled: PooledWorker = { worker, exited: false };
  worker.once("exit", () => (pooled.exited = true));
  return pooled;
}

async function acquire(): Promise<PooledWorker> {
  while (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  let pooled = idle.pop();
  while (pooled?.exited) pooled = idle.pop();
  pooled ??= spawnWorker();
  clearTimeout(pooled.idleTimer);
  return pooled;
}

function release(pooled: PooledWorker, reusable: boolean) {
  running--;
  if (reusable) {
    pooled.idleTimer = setTimeout(() => {
      const index = idle.indexOf(pooled);
      if (index >= 0) idle.splice(index, 1);
      void pooled.worker.terminate();
    }, IDLE_MS);
    pooled.idleTimer.unref();
    idle.push(pooled);
  } else {
    void pooled.worker.terminate();
  }
  waiting.shift()?.();
}

export async function runCode(request: CodeRunRequest): Promise<CodeRunResult> {
  const timeoutMs = Math.min(Math.max(1, request.timeoutMs), CODE_LIMITS.maxTimeoutMs);
  const memoryLimitMb = Math.min(Math.max(1, request.memoryLimitMb), CODE_LIMITS.maxMemoryLimitMb);
  let data: string;
  try {
    data = JSON.stringify(request.data);
  } catch (error) {
    return { ok: false, logs: [], error: { kind: "runtime", name: "TypeError", message: `The data for the code is not JSON: ${(error as Error).message}` } };
  }
  request.signal?.throwIfAborted();
  const pooled = await acquire();
  const id = nextId++;
  let reusable = false;
  try {
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      const { worker } = pooled;
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        request.signal?.removeEventListener("abort", onAbort);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        cleanup();
        resolve(reply);
      };
      const onError = (error: Error) => {
        cleanup();
        resolve({ id, ok: false, fatal: true, logs: [], error: { kind: "crash", name: error.name, message: `The sandbox failed: ${error.message}` } });
      };
      const onExit = (code: number) => {
        cleanup();
        resolve({ id, ok: false, fatal: true, logs: [], error: { kind: "crash", name: "Error", message: `The sandbox stopped unexpectedly (exit code ${code})` } });
      };
      const onAbort = () => {
        cleanup();
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an aborted wait rejects with the signal's reason, as fetch and timers/promises do
        reject(request.signal!.reason ?? new Error("Aborted"));
      };
      // Backstop: QuickJS interrupts the code at its deadline; a worker still silent well after it is stopped.
      const timer = setTimeout(() => {
        cleanup();
        resolve({ id, ok: false, fatal: true, logs: [], error: { kind: "timeout", name: "TimeoutError", message: "interrupted" } });
      }, timeoutMs + STARTUP_GRACE_MS);
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      request.signal?.addEventListener("abort", onAbort, { once: true });
      worker.postMessage({ id, code: request.code, data, timeoutMs, memoryLimitBytes: memoryLimitMb * 1024 * 1024 });
    });
    reusable = !reply.fatal;
    if (!reply.ok) return { ok: false, error: reply.error!, logs: reply.logs };
    const text = reply.result ?? "null";
    if (text.length > CODE_LIMITS.maxResultBytes) {
      return { ok: false, logs: reply.logs, error: { kind: "output", name: "RangeError", message: `The result is too large (${Math.round(text.length / 1024 / 1024)} MB; at most ${CODE_LIMITS.maxResultBytes / 1024 / 1024} MB)` } };
    }
    return { ok: true, result: JSON.parse(text), logs: reply.logs };
  } finally {
    release(pooled, reusable);
  }
}
