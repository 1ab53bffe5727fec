import { stopQueueConsumers, startQueueConsumers } from "@/lib/connections/consumers";
import { closeClients } from "@/lib/connections/clients";
import { databaseConfig } from "@/lib/db/config";
import { disconnectDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { startEmbeddedEngine, stopEmbeddedEngine } from "@/lib/engine/boot";
import { engineMode } from "@/lib/engine/mode";
import { redispatchEvents } from "@/lib/events/publish";
import { startAnomalyJob, stopAnomalyJob } from "@/lib/runs/anomalies/job";
import { prepareSqliteStorage, startRetentionJob, stopRetentionJob } from "@/lib/runs/retention";
import { recordRunsTheEngineEnded } from "@/lib/runs/engine-ended";
import { requeueStaleRuns } from "@/lib/runs/start";
import { engineShare, intakeActive } from "@/lib/server/intake-pressure";
import { installOwnRoutes } from "@/lib/server/own-routes";
import { startTriggerScheduler } from "@/lib/triggers/scheduler";
import { startExecutionRuntime } from "./execution-process";
import { startExecutors } from "./executors";
import { isExecutionProcess } from "./role";
import { startAppWebhookJob } from "@/lib/triggers/app-changes";

/**
 * The server's long-lived machinery as one runtime with a lifecycle: database migration, webhook
 * intake on the server's own listener, the embedded engine's worker and execution processes
 * (lib/runtime/executors.ts), the trigger scheduler, queue consumers, retention, anomaly and
 * app-webhook refresh jobs. `startRuntime` (instrumentation.ts, once per process) starts them in
 * order (in an execution process, only its worker); `stop` (scripts/serve.mjs on SIGTERM or SIGINT) drains:
 *
 * 1. new work stops: webhook calls are answered 503 with Retry-After (calls already accepted keep
 *    their answer, given once their delivery is committed), schedules, polls and queue consumers
 *    stop, and the engine claims no more jobs;
 * 2. steps in flight get a grace period to finish (SWITCHBOARD_SHUTDOWN_GRACE_MS, default 25 s);
 *    the leases of those still running are then released, so the next process takes them over at
 *    once (a step cut off there runs again: at-least-once holds only for steps in flight);
 * 3. broker clients, database pools and the database connection are closed.
 *
 * The HTTP server stays open throughout, since the engine's steps are requests to it.
 */
export interface Runtime {
  readonly draining: boolean;
  stop(): Promise<void>;
}

const DEFAULT_GRACE_MS = 25_000;
/** What a webhook sender is told to wait before trying again while the server drains. */
const DRAIN_RETRY_AFTER_SECONDS = 5;

const holder = globalThis as typeof globalThis & { __switchboardRuntime?: Runtime };

function graceMs(): number {
  const value = Number(process.env.SWITCHBOARD_SHUTDOWN_GRACE_MS ?? DEFAULT_GRACE_MS);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_GRACE_MS;
}

export async function startRuntime(): Promise<Runtime> {
  if (holder.__switchboardRuntime) return holder.__switchboardRuntime;
  if (isExecutionProcess()) return (holder.__switchboardRuntime = await startExecutionRuntime(graceMs()));
  await migrateDatabase();
  let draining = false;
  let stopping: Promise<void> | null = null;
  // Webhook intake on the server's own listener (when served by scripts/serve.mjs, as `npm start` does).
  installOwnRoutes(() => draining, DRAIN_RETRY_AFTER_SECONDS);
  // Once per SQLite database: incremental auto-vacuum, so retention deletes shrink the file.
  if (databaseConfig().kind === "sqlite") prepareSqliteStorage();
  const embedded = engineMode() === "embedded";
  // The engine gives way to webhook callers, who wait on the line while queued runs can wait.
  if (embedded) await startEmbeddedEngine({ active: intakeActive, share: engineShare });
  // More cores: execution processes run the engine's jobs too (lib/runtime/executors.ts).
  const executors = embedded ? startExecutors() : null;
  // Runs stored but never handed to the engine (the process died in between) are sent again;
  // the event id is the run id, so a run that did start is not started twice. Events stored but
  // not yet handed over (they resume waiting runs) are sent again the same way. Runs the embedded
  // engine ended that run history never recorded as ended are recorded first (lib/runs/engine-ended.ts).
  const recovery = setTimeout(() => {
    void (embedded ? recordRunsTheEngineEnded() : Promise.resolve(0))
      .catch((error) => console.error("[runs] recording the runs the engine ended failed", error))
      .then(() => requeueStaleRuns(0))
      .catch((error) => console.error("[runs] requeue failed", error));
    void redispatchEvents(0).catch((error) => console.error("[events] redispatch failed", error));
  }, 2000);
  recovery.unref();
  const scheduler = process.env.SWITCHBOARD_SCHEDULER !== "off" ? await startTriggerScheduler() : null;
  // trigger.queue: consumers for active workflows whose trigger is a queue (kept in step with edits).
  startQueueConsumers();
  // Finished runs older than the retention setting are deleted in the background, hourly.
  startRetentionJob();
  // Workflows whose last hour left their usual volume, error rate or duration are recorded and alerted.
  startAnomalyJob();
  // App webhooks that expire (Airtable's) are refreshed, and changes a missed ping announced fetched.
  const appWebhooks = startAppWebhookJob();

  const drain = async () => {
    draining = true;
    const started = Date.now();
    clearTimeout(recovery);
    scheduler?.stop();
    stopAnomalyJob();
    await Promise.all([stopQueueConsumers(), stopRetentionJob(), appWebhooks?.stop()]);
    // Steps released here would be taken by an execution process still running: released once they have exited.
    const theirs = executors?.stop(graceMs()) ?? Promise.resolve({ released: 0 });
    const [own, others] = await Promise.all([embedded ? stopEmbeddedEngine(graceMs(), theirs) : { released: 0 }, theirs]);
    const released = own.released + others.released;
    await closeClients();
    await disconnectDb();
    console.log(`[runtime] stopped in ${Date.now() - started} ms${released ? `; ${released} step(s) still running were released to the next start` : ""}`);
  };
  const runtime: Runtime = {
    get draining() {
      return draining;
    },
    stop: () => (stopping ??= drain()),
  };
  holder.__switchboardRuntime = runtime;
  return runtime;
}

