import { expectClientSigningKey } from "./api";
import { loadAppHandler } from "./executor";
import { embeddedSigningKey } from "./keys";
import { localAppOrigin } from "./mode";
import { signBody } from "./signature";
import { EngineWorker, type YieldPolicy } from "./worker";

const holder = globalThis as typeof globalThis & { __switchboardEngine?: EngineWorker };

/**
 * Starts the embedded engine in this process: the job worker, and (unless told not to) an app sync
 * (PUT /api/inngest, signed) that is retried until the HTTP server is up and the functions are registered.
 */
export async function startEmbeddedEngine(yieldTo?: YieldPolicy, { syncApp: sync = true } = {}): Promise<EngineWorker> {
  if (holder.__switchboardEngine) return holder.__switchboardEngine;
  const worker = new EngineWorker({ yieldTo });
  holder.__switchboardEngine = worker;
  try {
    await loadAppHandler();
  } catch (error) {
    holder.__switchboardEngine = undefined;
    throw error;
  }
  // The SDK's calls to the engine are checked against the key its client just read.
  expectClientSigningKey();
  await worker.start();
  // An execution process (lib/runtime/executors.ts) serves no HTTP; the server syncs the app for it.
  if (sync) void syncApp();
  return worker;
}

/** Stops the embedded engine's worker (EngineWorker.stop): in-flight steps get `graceMs` to finish. */
export async function stopEmbeddedEngine(graceMs: number, releaseAfter?: Promise<unknown>): Promise<{ released: number }> {
  const worker = holder.__switchboardEngine;
  holder.__switchboardEngine = undefined;
  return worker ? worker.stop(graceMs, releaseAfter) : { released: 0 };
}

async function syncApp(): Promise<void> {
  const url = `${localAppOrigin()}/api/inngest`;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url, { method: "PUT", headers: { "x-inngest-signature": signBody("", embeddedSigningKey()) } });
      if (response.ok) return;
      if (attempt % 20 === 19) console.error(`[engine] app sync answered ${response.status}: ${await response.text()}`);
    } catch {
      // The server is not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 * (attempt + 1), 2000)));
  }
}
