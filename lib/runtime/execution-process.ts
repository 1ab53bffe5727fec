import { closeClients } from "@/lib/connections/clients";
import { disconnectDb } from "@/lib/db/client";
import { startEmbeddedEngine, stopEmbeddedEngine } from "@/lib/engine/boot";
import { wakeWorker } from "@/lib/engine/wake";
import { metrics } from "@/lib/metrics";
import { onResponded } from "@/lib/triggers/webhook/respond";
import type { Runtime } from "./index";
import type { PeerMessage } from "./peer-messages";

/**
 * The runtime of an execution process (lib/runtime/executors.ts): only the embedded engine's
 * worker, which claims and executes jobs like the server's. Everything else (migrations, intake,
 * app sync, schedules, consumers, retention) is the server's. It stops as the server does: no new
 * claims, steps in flight get the grace period, the rest are released to the next start.
 */
export async function startExecutionRuntime(graceMs: number): Promise<Runtime> {
  // Told to stop while still loading (scripts/executor.mjs): no worker, so nothing is claimed.
  if ((globalThis as { __switchboardStopRequested?: boolean }).__switchboardStopRequested) return { draining: true, stop: async () => undefined };
  const send = (message: PeerMessage) => {
    if (process.connected) process.send?.(message);
  };
  const onMessage = (message: PeerMessage) => {
    if (message?.t === "wake") wakeWorker();
    if (message?.t === "metrics?") {
      void metrics()
        .registry.getMetricsAsJSON()
        .then((values) => send({ t: "metrics", id: message.id, metrics: values }));
    }
  };
  process.on("message", onMessage);
  const stopRelaying = onResponded((runId) => send({ t: "responded", runId }));
  await startEmbeddedEngine(undefined, { syncApp: false });
  console.log(`[executor] execution process ${process.pid} is taking jobs`);
  let stopping: Promise<void> | null = null;
  return {
    get draining() {
      return stopping !== null;
    },
    stop: () =>
      (stopping ??= (async () => {
        const { released } = await stopEmbeddedEngine(graceMs);
        send({ t: "stopped", released });
        stopRelaying();
        process.off("message", onMessage);
        await closeClients();
        await disconnectDb();
      })()),
  };
}
