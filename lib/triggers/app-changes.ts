import { connectors, appTriggerOf } from "@/lib/connectors";
import { ConnectionMissingError } from "@/lib/connections/store";
import { db, dbKind } from "@/lib/db/client";
import { toJson } from "@/lib/json";
import { dispatchInBackground, type QueuedRun } from "@/lib/runs/dispatch";
import { dropRefusedRegistration, send, type Registration } from "./app-webhooks";
import { acceptDelivery } from "./webhook/deliveries";
import { touchLastTriggered } from "./workflow-trigger";
import { APP_DEDUP_WINDOW_HOURS } from "@/lib/idempotency";

/**
 * App triggers whose app only pings (`changes` in the definition: Airtable). A ping says that the
 * subscription has changes; they are fetched from the app with the trigger's connection, from the
 * cursor kept with the registration, page after page while the app says there may be more.
 *
 * - Each change becomes one run, stored with an accepted delivery (listed under Deliveries) and
 *   the change's key claimed as the webhook's dedup key in the same transaction
 *   (`acceptDelivery`), so a change fetched twice (a repeated ping, a crash between storing runs
 *   and moving the cursor) starts one run.
 * - The cursor moves, per page, only after that page's runs are stored; it only moves forward and
 *   only for the registration it was read for (a replaced webhook starts from its own start).
 * - Fetches of one workflow are serialized within the process: a ping during a fetch makes the
 *   fetch go once more when it ends. Processes that fetch the same changes at once (several app
 *   servers) are kept from doubling runs by the dedup keys.
 * - A fetch that fails is logged and retried by the next ping or pass of the job below.
 *
 * The job (started and stopped by the runtime, lib/runtime) refreshes subscriptions that expire
 * (Airtable's, 7 days after creation or the last refresh) when they expire within three days,
 * every 12 hours, and fetches what a missed ping announced. A refresh the app refuses for good
 * (the subscription is gone, the token may not manage it) switches the workflow off as a refused
 * registration does; other failures are retried at the next pass.
 */

/** A change fetched again within this window starts no second run (as an app trigger's redelivery, lib/triggers/webhook/target.ts). */
const DEDUP_WINDOW_MS = APP_DEDUP_WINDOW_HOURS * 3_600_000;
/** Pages one fetch reads at most before leaving the rest to the next ping or pass. */
const MAX_PAGES = 100;
const DEFAULT_INTERVAL_MS = 12 * 3_600_000;
/** Subscriptions expiring sooner than this are refreshed. */
const REFRESH_WITHIN_MS = 3 * 24 * 3_600_000;

type Fetch = { running: Promise<void>; again: boolean };
const holder = globalThis as typeof globalThis & { __switchboardAppChanges?: Map<string, Fetch> };
const inFlight = (holder.__switchboardAppChanges ??= new Map<string, Fetch>());

/** After a ping: fetches the workflow's changes once the answer is given; failures are logged. */
export function fetchChangesInBackground(workflowId: string): void {
  void fetchChanges(workflowId).catch((error: unknown) => console.error(`[app-changes] fetching the changes of workflow ${workflowId} failed: ${(error as Error).message}`));
}

/** Fetches the workflow's new changes and starts their runs; joins a fetch in progress, which then goes once more. */
export function fetchChanges(workflowId: string): Promise<void> {
  const current = inFlight.get(workflowId);
  if (current) {
    current.again = true;
    return current.running;
  }
  const entry: Fetch = { running: Promise.resolve(), again: false };
  entry.running = (async () => {
    try {
      do {
        entry.again = false;
        await fetchOnce(workflowId);
      } while (entry.again);
    } finally {
      inFlight.delete(workflowId);
    }
  })();
  inFlight.set(workflowId, entry);
  return entry.running;
}

async function fetchOnce(workflowId: string): Promise<void> {
  const row = await db().workflowTrigger.findUnique({
    where: { workflowId },
    select: { type: true, registration: true, workflow: { select: { workspaceId: true, active: true, version: true, webhookToken: true } } },
  });
  const registration = (row?.registration ?? null) as Registration | null;
  const app = row ? appTriggerOf(row.type) : undefined;
  const changes = app?.trigger.changes;
  if (!row || !row.workflow.active || !registration || !app || !changes) return;
  const { workspaceId, version, webhookToken } = row.workflow;
  const props = registration.props;
  let cursor = registration.cursor;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await send(workspaceId, app.connector, registration.connectionId, (context) => changes.request(props, registration.externalId, cursor, context));
    const { payloads, cursor: next, more } = changes.read(answer);
    const queued: QueuedRun[] = [];
    for (const payload of payloads) {
      for (const run of changes.runs(props, payload)) {
        const raw = Buffer.from(JSON.stringify(run.body));
        const accepted = await acceptDelivery(
          { workflowId, method: "POST", path: `/api/hooks/${webhookToken}`, query: {}, headers: {}, contentType: "application/json", raw, status: 202, reason: `A change fetched from ${app.connector.name} (cursor ${cursor ?? "start"})` },
          { workspaceId, workflowVersion: version, trigger: { method: "POST", headers: {}, query: {}, body: run.body } },
          { key: run.key, windowMs: DEDUP_WINDOW_MS },
        );
        if (!accepted.duplicate) queued.push({ runId: accepted.runId, workflowId });
      }
    }
    if (queued.length) {
      // Stored is started: a run never handed over is sent again on start (requeueStaleRuns).
      dispatchInBackground(queued);
      touchLastTriggered(workflowId);
    }
    const moved = typeof next === "number" && next > (cursor ?? 0);
    if (moved) {
      await updateRegistration(workflowId, registration.externalId, (current) => ((current.cursor ?? 0) < next ? { cursor: next } : null));
      cursor = next;
    }
    if (!more || !moved) break;
  }
}

/** Changes the stored registration if it is still `externalId` and `change` gives something to change. */
async function updateRegistration(workflowId: string, externalId: string, change: (current: Registration) => Partial<Registration> | null): Promise<void> {
  await db().$transaction(async (tx) => {
    // PostgreSQL: the row stays locked until the update, so a registration replaced meanwhile is read, not overwritten (SQLite's transactions are serial).
    if (dbKind() === "postgresql") await tx.$queryRawUnsafe(`SELECT "workflowId" FROM "WorkflowTrigger" WHERE "workflowId" = $1 FOR UPDATE`, workflowId);
    const row = await tx.workflowTrigger.findUnique({ where: { workflowId }, select: { registration: true } });
    const current = (row?.registration ?? null) as Registration | null;
    if (current?.externalId !== externalId) return;
    const update = change(current);
    if (update) await tx.workflowTrigger.update({ where: { workflowId }, data: { registration: toJson({ ...current, ...update }) } });
  });
}

const changeTriggerTypes = () => connectors.flatMap((connector) => (connector.triggers ?? []).filter((trigger) => trigger.changes).map((trigger) => `${connector.id}.${trigger.name}`));

/** One pass of the job: refreshes live subscriptions expiring within `withinMs`, then fetches each one's changes. */
async function refreshAppWebhooks(withinMs = REFRESH_WITHIN_MS): Promise<void> {
  const rows = await db().workflowTrigger.findMany({
    where: { type: { in: changeTriggerTypes() }, workflow: { active: true } },
    select: { workflowId: true, type: true, registration: true, workflow: { select: { workspaceId: true } } },
  });
  for (const row of rows) {
    const registration = (row.registration ?? null) as Registration | null;
    const app = appTriggerOf(row.type);
    if (!registration || !app) continue;
    const refresh = app.trigger.changes?.refresh;
    const expiresAt = registration.expiresAt ? Date.parse(registration.expiresAt) : NaN;
    if (refresh && !(expiresAt - Date.now() > withinMs)) {
      try {
        const answer = await send(row.workflow.workspaceId, app.connector, registration.connectionId, (context) => refresh.request(registration.props, registration.externalId, context));
        const renewed = refresh.read(answer);
        if (renewed) await updateRegistration(row.workflowId, registration.externalId, () => ({ expiresAt: renewed }));
      } catch (error) {
        const status = (error as { details?: { response?: { status?: number } } }).details?.response?.status;
        const refused = status === 401 || status === 403 || status === 404 || error instanceof ConnectionMissingError;
        console.error(
          `[app-webhooks] refreshing the ${app.connector.name} webhook ${registration.externalId} of workflow ${row.workflowId} failed: ${(error as Error).message}${refused ? "; the workflow was switched off (switching it on registers a new webhook)" : "; retried at the next pass"}`,
        );
        if (refused) {
          await dropRefusedRegistration(row.workflow.workspaceId, row.workflowId, registration.externalId);
          continue;
        }
      }
    }
    await fetchChanges(row.workflowId).catch((error: unknown) => console.error(`[app-changes] fetching the changes of workflow ${row.workflowId} failed: ${(error as Error).message}`));
  }
}

export interface AppWebhookJob {
  /** Stops the job; a pass in progress finishes first. */
  stop(): Promise<void>;
}

/**
 * Starts the refresh job (SWITCHBOARD_APP_WEBHOOK_INTERVAL_MS, default 12 hours; 0 turns it off):
 * a first pass a minute after start (at most one interval), which also fetches what was announced
 * while the server was down, then one per interval.
 */
export function startAppWebhookJob(): AppWebhookJob | null {
  const setting = process.env.SWITCHBOARD_APP_WEBHOOK_INTERVAL_MS;
  const interval = setting === undefined ? DEFAULT_INTERVAL_MS : Number(setting);
  if (!Number.isFinite(interval) || interval <= 0) return null;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const schedule = (delay: number) => {
    timer = setTimeout(() => void pass(), delay);
    timer.unref();
  };
  const pass = async () => {
    running = refreshAppWebhooks().catch((error: unknown) => console.error(`[app-webhooks] refresh pass failed: ${(error as Error).message}`));
    await running;
    running = undefined;
    if (!stopped) schedule(interval);
  };
  schedule(Math.min(60_000, interval));
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
