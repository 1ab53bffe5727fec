/**
 * Runs once when the server starts, before it serves requests: migrates the database, then
 * (unless a real Inngest server is configured) starts the embedded engine, and in both modes the
 * trigger scheduler (schedules and polls).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { migrateDatabase } = await import("./lib/db/migrate");
  await migrateDatabase();
  // Webhook intake on the server's own listener (when served by scripts/serve.mjs, as `npm start` does).
  const { installOwnRoutes } = await import("./lib/server/own-routes");
  installOwnRoutes();
  const { databaseConfig } = await import("./lib/db/config");
  const retention = await import("./lib/runs/retention");
  // Once per SQLite database: incremental auto-vacuum, so retention deletes shrink the file.
  if (databaseConfig().kind === "sqlite") retention.prepareSqliteStorage();
  const { engineMode } = await import("./lib/engine/mode");
  if (engineMode() === "embedded") {
    const { startEmbeddedEngine } = await import("./lib/engine/boot");
    await startEmbeddedEngine();
  }
  // Runs stored but never handed to the engine (the process died in between) are sent again;
  // the event id is the run id, so a run that did start is not started twice. Events stored but
  // not yet handed over (they resume waiting runs) are sent again the same way.
  const { requeueStaleRuns } = await import("./lib/runs/start");
  const { redispatchEvents } = await import("./lib/events/publish");
  setTimeout(() => {
    void requeueStaleRuns(0).catch((error) => console.error("[runs] requeue failed", error));
    void redispatchEvents(0).catch((error) => console.error("[events] redispatch failed", error));
  }, 2000).unref();
  if (process.env.SWITCHBOARD_SCHEDULER !== "off") {
    const { startTriggerScheduler } = await import("./lib/triggers/scheduler");
    await startTriggerScheduler();
  }
  // trigger.queue: consumers for active workflows whose trigger is a queue (kept in step with edits).
  const { startQueueConsumers } = await import("./lib/connections/consumers");
  startQueueConsumers();
  // Finished runs older than the retention setting are deleted in the background, hourly.
  retention.startRetentionJob();
  // Workflows whose last hour left their usual volume, error rate or duration are recorded and alerted.
  const { startAnomalyJob } = await import("./lib/runs/anomalies/job");
  startAnomalyJob();
}
