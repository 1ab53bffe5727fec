import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { db } from "@/lib/db/client";
import { polledTriggerOf, polledTriggerTypes } from "@/lib/connectors";
import { pollConfigSchema, type PollConfig } from "@/lib/nodes/trigger-poll";
import { parseDuration } from "@/lib/document/duration";
import { compile } from "@/lib/document/expressions";
import { revealSecrets } from "@/lib/workflow-store/secrets";
import { dispatchInBackground, insertQueuedRun, type QueuedRun } from "@/lib/runs/dispatch";
import { touchLastTriggered } from "../workflow-trigger";
import { fetchAppItems } from "./app-polls";

/** How long a poll may hold a workflow; a fetch times out well before. */
const LEASE_MS = 60_000;
const FETCH_TIMEOUT_MS = 30_000;
/** Ids remembered beyond those in the latest response. */
const SEEN_LIMIT = 10_000;

const OWNER = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/**
 * Polling triggers: the generic Poll trigger (trigger.poll) and polled app triggers
 * (google-sheets.onNewRow, lib/triggers/scheduler/app-polls.ts). A poll is claimed with a lease on
 * the workflow's PollState row (compare-and-set), so only one process polls a workflow at a time.
 * The new items, the runs they start and the updated seen-state (ids or keys, and cursor) are
 * written in one transaction that also checks the lease is still held: an item starts exactly one
 * run, across restarts and processes, and the cursor never moves past items whose runs are not
 * stored.
 */
export class PollRunner {
  private inFlight = new Set<string>();

  async tick(now = new Date()) {
    const rows = await db().workflowTrigger.findMany({
      where: { type: { in: ["trigger.poll", ...polledTriggerTypes] }, workflow: { active: true } },
      select: { workflowId: true, type: true, config: true, workflow: { select: { workspaceId: true } } },
    });
    for (const row of rows) {
      if (this.inFlight.has(row.workflowId)) continue;
      const source = sourceOf(row.type, revealSecrets(row.type, row.config), row.workflow.workspaceId);
      if (!source) continue;
      const claimed = await claim(row.workflowId, source.fingerprint, now);
      if (!claimed) continue;
      this.inFlight.add(row.workflowId);
      void pollOnce(row.workflowId, source).finally(() => this.inFlight.delete(row.workflowId));
    }
  }
}

/** What a poll reads of the stored seen-state. */
type SeenState = { seenIds: unknown; cursor: string | null };

/** One polling trigger's config, as the runner needs it. */
interface PollSource {
  /** What the seen-state belongs to: another URL, item selection, connection or setting starts over. */
  fingerprint: string;
  interval: string;
  emitExisting: boolean;
  /** The runs' triggers for the items new since `state`, and the seen-state to store with them. */
  poll(state: SeenState, polledAt: string): Promise<{ triggers: unknown[]; seenIds?: string[]; cursor?: string | null }>;
}

const hashOf = (relevant: unknown) => createHash("sha256").update(JSON.stringify(relevant)).digest("hex").slice(0, 32);

function sourceOf(type: string, config: unknown, workspaceId: string): PollSource | undefined {
  if (type === "trigger.poll") {
    const parsed = pollConfigSchema.safeParse(config);
    if (!parsed.success || !parsed.data.url) return undefined;
    const poll = parsed.data;
    return {
      fingerprint: hashOf([poll.url, poll.method, poll.items, poll.dedupBy, poll.idField, poll.cursorField ?? ""]),
      interval: poll.interval,
      emitExisting: poll.emitExisting,
      async poll(state, polledAt) {
        const { fresh, seenIds, cursor } = newItems(poll, await fetchItems(poll), state);
        const triggers = poll.emit === "batch" ? (fresh.length ? [{ items: fresh, polledAt }] : []) : fresh.map((item) => ({ item, polledAt }));
        return { triggers, seenIds, cursor };
      },
    };
  }
  const polled = polledTriggerOf(type, config);
  if (!polled?.connectionId) return undefined;
  return {
    fingerprint: hashOf([type, polled.connectionId, polled.props]),
    interval: polled.interval,
    emitExisting: polled.emitExisting,
    async poll(state, polledAt) {
      const found = await fetchAppItems(workspaceId, polled, state.cursor ?? undefined);
      // Keys already seen (an item at the cursor asked for again) start nothing.
      const { fresh, seenIds } = newItems({ dedupBy: "id", idField: "key" }, found.items, state);
      return { triggers: fresh.map((item) => ({ body: (item as { body: unknown }).body, polledAt })), seenIds, cursor: found.cursor ?? state.cursor };
    },
  };
}

async function claim(workflowId: string, fingerprint: string, now: Date): Promise<boolean> {
  const state = await db().pollState.findUnique({ where: { workflowId }, select: { fingerprint: true } });
  if (!state) {
    try {
      await db().pollState.create({ data: { workflowId, fingerprint, nextPollAt: now } });
    } catch {
      // another process created it first
    }
  } else if (state.fingerprint !== fingerprint) {
    await db().pollState.updateMany({
      where: { workflowId, fingerprint: state.fingerprint },
      data: { fingerprint, initialized: false, cursor: null, seenIds: [], nextPollAt: now, lastError: null },
    });
  }
  const { count } = await db().pollState.updateMany({
    where: { workflowId, fingerprint, nextPollAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseOwner: OWNER, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return count === 1;
}

async function pollOnce(workflowId: string, source: PollSource) {
  const polledAt = new Date();
  const intervalMs = parseIntervalMs(source.interval);
  try {
    // Read under the lease: no other process moves it until this poll ends or the lease lapses.
    const before = await db().pollState.findUnique({ where: { workflowId }, select: { seenIds: true, cursor: true } });
    if (!before) return;
    const found = await source.poll(before, polledAt.toISOString());
    const runs = await db().$transaction(async (tx) => {
      const state = await tx.pollState.findUnique({ where: { workflowId } });
      if (!state || state.leaseOwner !== OWNER || state.fingerprint !== source.fingerprint || state.cursor !== before.cursor) return [];
      const workflow = await tx.workflow.findUnique({ where: { id: workflowId }, select: { active: true, version: true, workspaceId: true } });
      const emit = workflow?.active && (state.initialized || source.emitExisting) ? found.triggers : [];
      const queued: QueuedRun[] = [];
      const base = { workspaceId: workflow?.workspaceId ?? "default", workflowId, workflowVersion: workflow?.version ?? 0, triggerKind: "poll" as const };
      for (const trigger of emit) queued.push(await insertQueuedRun(tx, { ...base, trigger }));
      await tx.pollState.update({
        where: { workflowId },
        data: {
          initialized: true,
          seenIds: found.seenIds ?? undefined,
          cursor: found.cursor === undefined ? undefined : found.cursor,
          lastPolledAt: polledAt,
          lastError: null,
          nextPollAt: new Date(polledAt.getTime() + intervalMs),
          leaseOwner: null,
          leaseUntil: null,
        },
      });
      return queued;
    });
    if (runs.length) {
      dispatchInBackground(runs);
      touchLastTriggered(workflowId);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db()
      .pollState.updateMany({
        where: { workflowId, leaseOwner: OWNER },
        data: { lastError: message.slice(0, 1000), lastPolledAt: polledAt, nextPollAt: new Date(polledAt.getTime() + intervalMs), leaseOwner: null, leaseUntil: null },
      })
      .catch(() => {});
  }
}

function parseIntervalMs(interval: string): number {
  return Math.max(1000, parseDuration(interval) ?? 60_000);
}

/**
 * The endpoint's answer, through the `items` expression, as a list. This is where a connection's
 * credentials will be applied once connections exist (today: headers and one secret header).
 */
async function fetchItems(config: PollConfig): Promise<unknown[]> {
  const headers = new Headers(config.headers);
  if (config.authHeader && config.authValue) headers.set(config.authHeader, config.authValue);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  const response = await fetch(config.url, { method: config.method, headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${config.method} ${config.url} answered ${response.status}`);
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the expression sees the text
  }
  const selected: unknown = await compile(config.items || "$").evaluate(body);
  if (selected === undefined || selected === null) return [];
  return Array.isArray(selected) ? (selected as unknown[]) : [selected];
}

function fieldOf(item: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), item);
}

/** Cursors compare as numbers, as timestamps, or else as text. */
export function compareCursor(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== "" && b.trim() !== "" && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  const da = Date.parse(a);
  const db_ = Date.parse(b);
  if (!Number.isNaN(da) && !Number.isNaN(db_)) return da - db_;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function newItems(
  config: Pick<PollConfig, "dedupBy" | "idField" | "cursorField">,
  items: unknown[],
  state: { seenIds: unknown; cursor: string | null },
): { fresh: unknown[]; seenIds?: string[]; cursor?: string | null } {
  if (config.dedupBy === "cursor") {
    const field = config.cursorField ?? "";
    let max = state.cursor;
    const fresh: unknown[] = [];
    for (const item of items) {
      const raw = fieldOf(item, field);
      if (raw === undefined || raw === null) continue;
      const value = String(raw);
      if (state.cursor === null || compareCursor(value, state.cursor) > 0) fresh.push(item);
      if (max === null || compareCursor(value, max) > 0) max = value;
    }
    return { fresh, cursor: max };
  }
  const seen = new Set(Array.isArray(state.seenIds) ? (state.seenIds as string[]) : []);
  const current: string[] = [];
  const fresh: unknown[] = [];
  for (const item of items) {
    const raw = fieldOf(item, config.idField);
    if (raw === undefined || raw === null) continue;
    const id = String(raw);
    if (current.includes(id)) continue;
    current.push(id);
    if (!seen.has(id)) fresh.push(item);
  }
  const currentSet = new Set(current);
  const previous = [...seen].filter((id) => !currentSet.has(id));
  return { fresh, seenIds: [...current, ...previous].slice(0, Math.max(SEEN_LIMIT, current.length)) };
}

/** Leases held by processes of this host that no longer exist (a crash) are released at once. */
export async function releaseDeadLeases() {
  const prefix = `${hostname()}:`;
  const held = await db().pollState.findMany({ where: { leaseOwner: { startsWith: prefix } }, select: { workflowId: true, leaseOwner: true } });
  for (const { workflowId, leaseOwner } of held) {
    const pid = Number(leaseOwner!.split(":")[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    await db().pollState.updateMany({ where: { workflowId, leaseOwner }, data: { leaseOwner: null, leaseUntil: null } });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
