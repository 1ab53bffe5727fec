import { db } from "@/lib/db/client";
import { engineMode } from "@/lib/engine/mode";
import { breakerStates } from "@/lib/outbound/breaker";
import { countAwaitingReplay } from "@/lib/runs/failed";
import { executorMetrics } from "@/lib/runtime/executors";
import { AggregatorRegistry } from "prom-client";
import { metrics, scrapedGauge } from "./index";

/** Gauges read from the database at scrape time: what is waiting, not what happened. */
function registerDatabaseGauges() {
  scrapedGauge("switchboard_engine_queue_depth", "Embedded engine jobs that are due now (steps, retries, wake-ups) and not yet taken by a worker; 0 with an external Inngest server.", [], async (gauge) => {
    if (engineMode() !== "embedded") return gauge.set(0);
    const now = new Date();
    gauge.set(await db().engineJob.count({ where: { runAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] } }));
  });
  scrapedGauge("switchboard_engine_jobs_scheduled", "Embedded engine jobs stored, due or not (sleeps, wait timeouts, retries), by kind.", ["kind"], async (gauge) => {
    if (engineMode() !== "embedded") return;
    const rows = await db().engineJob.groupBy({ by: ["kind"], _count: { _all: true } });
    for (const row of rows) gauge.set({ kind: row.kind }, row._count._all);
  });
  scrapedGauge("switchboard_runs_in_progress", "Runs not finished yet, by status (queued: waiting to start or for a concurrency slot).", ["status"], async (gauge) => {
    for (const status of ["queued", "running"]) gauge.set({ status }, await db().run.count({ where: { status } }));
  });
  scrapedGauge("switchboard_failed_runs_awaiting_replay", "Failed runs that no replay or rerun was started from (the dead-letter queue).", [], async (gauge) => {
    gauge.set(await countAwaitingReplay());
  });
  scrapedGauge(
    "switchboard_circuit_state",
    "Circuit breakers of connections (key conn:<id>) and hosts (host:<host:port>): 1 for the state each is in (closed, open, half_open); consecutive failures in switchboard_circuit_failures.",
    ["key", "state"],
    async (gauge) => {
      for (const breaker of await breakerStates()) for (const state of ["closed", "open", "half_open"]) gauge.set({ key: breaker.key, state }, breaker.state === state ? 1 : 0);
    },
  );
  scrapedGauge("switchboard_circuit_failures", "Consecutive failed calls counted by each circuit breaker.", ["key"], async (gauge) => {
    for (const breaker of await breakerStates()) gauge.set({ key: breaker.key }, breaker.failures);
  });
  scrapedGauge("switchboard_workflow_info", "One series per workflow, to join workflow_id to its name.", ["workflow_id", "name"], async (gauge) => {
    const workflows = await db().workflow.findMany({ select: { id: true, name: true }, take: 10_000 });
    for (const workflow of workflows) gauge.set({ workflow_id: workflow.id, name: workflow.name }, 1);
  });
}

/**
 * The Prometheus text exposition of this process's metrics, added up with its execution
 * processes' (lib/runtime/executors.ts), whose runs and steps are counted there.
 */
export async function scrapeMetrics(): Promise<{ body: string; contentType: string }> {
  registerDatabaseGauges();
  const { registry } = metrics();
  const others = await executorMetrics();
  if (!others.length) return { body: await registry.metrics(), contentType: registry.contentType };
  const total = AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), ...others]);
  return { body: await total.metrics(), contentType: registry.contentType };
}
