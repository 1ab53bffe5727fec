import { encodeTime } from "ulid";
import { z } from "zod";
import { sumModelUsage, type ModelUsage } from "@/lib/ai/usage";
import { ApiError, invalid, notFound } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import { topologicalOrder } from "@/lib/document/graph";
import type { WorkflowDocument } from "@/lib/document/schema";
import { listRunActions, type RunActionView } from "./actions";
import { planReplay, planReplayOn } from "./replay-plan";
import { replayRefusal } from "./replay";
import { num, SqlQuery } from "./sql";
import type { SerializedError } from "@/lib/json";
import { RUN_STATUSES, TERMINAL_RUN_STATUSES, TRIGGER_KINDS, type RunStatus, type StepStatus } from "./status";
import type { TruncatedValue } from "./truncated";
import { forView, parseValuePath, valueDownloadUrl } from "./values";

export interface RunSummary {
  id: string;
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
  status: RunStatus;
  triggerKind: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  /** Step attempts the run made (every attempt of every step), and how many of them were retries. */
  attempts: { total: number; retries: number };
  /** The run this one reruns or replays. */
  replayOf: string | null;
  /** For a replay: the step it started from. */
  replayFromNode: string | null;
}

/** Why a run failed: the failed step's error and that step's node id. */
export type RunError = SerializedError & { nodeId?: string };

export interface StepAttemptView {
  kind: "attempt" | "sleep" | "wait" | "reused" | "pinned";
  attempt: number;
  status: StepStatus;
  startedAt: string;
  endedAt: string | null;
  error: SerializedError | null;
}

export interface StepSummary {
  nodeId: string;
  nodeType: string;
  /** The node's name in the workflow version the run executed, if it had one. */
  nodeName: string | null;
  status: StepStatus;
  attempts: number;
  branch: string | null;
  /** Why a skipped step did not run when its branch was taken (a disabled node); null otherwise. */
  skipReason: string | null;
  startedAt: string | null;
  endedAt: string | null;
  input: unknown;
  output: unknown;
  /** A large error is cut down like any other value. */
  error: SerializedError | TruncatedValue | null;
  /** Each attempt, sleep and wait of the step, in order (a replay's reused step has one "reused" entry). */
  timeline: StepAttemptView[];
  /** Taken over from the replayed run instead of executed. */
  reused: boolean;
}

/** Which items of which loop a chunk run runs: items first … first + count - 1. */
interface LoopChunkItems {
  splitId: string;
  first: number;
  count: number;
}

export interface RunDetail extends RunSummary {
  /** A trial run ("Try it"): nodes with pinned data output it instead of running. */
  usesPinnedData: boolean;
  trigger: unknown;
  output: unknown;
  error: RunError | TruncatedValue | null;
  steps: StepSummary[];
  /** Tokens and cost of the run's AI model steps; null when it has none. */
  modelUsage: ModelUsage | null;
  actions: RunActionView[];
  /** Runs started again from this one (reruns and replays), newest first. */
  replays: { id: string; status: RunStatus; createdAt: string; replayFromNode: string | null }[];
  /** A loop chunk (lib/execution/loop-chunks.ts): the run whose loop it runs a part of, and which items. */
  chunkOf: { parentRunId: string } & LoopChunkItems | null;
  /** The chunk runs of this run's large loops, by first item. */
  chunks: ({ id: string; status: RunStatus } & LoopChunkItems)[];
  /** What an operator can do now. */
  recovery: {
    canCancel: boolean;
    canRerun: boolean;
    canReplay: boolean;
    replayFrom: string | null;
    reuse: string[];
    /** When a newer version is published (a fix): what a replay on it would reuse, and where it would start. */
    published: { version: number; replayFrom: string | null; reuse: string[] } | null;
  };
}

const isoDateTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const runListQuerySchema = z.object({
  workspaceId: z.string().min(1),
  workflowId: z.string().min(1).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  triggerKind: z.enum(TRIGGER_KINDS).optional(),
  /** Runs created at or after this time (ISO 8601). */
  from: isoDateTime.optional(),
  /** Runs created before this time (ISO 8601). */
  to: isoDateTime.optional(),
  /** Text searched in the trigger payload (case-insensitive), e.g. an order id. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(100).optional(),
});

export type RunListQuery = z.output<typeof runListQuerySchema>;

export async function listRuns(workspaceId: string, searchParams: URLSearchParams): Promise<{ runs: RunSummary[]; nextCursor: string | null }> {
  const parsed = runListQuerySchema.safeParse({ ...Object.fromEntries([...searchParams].filter(([, v]) => v !== "")), workspaceId });
  if (!parsed.success) throw invalid(parsed.error, "Invalid query");
  return queryRuns(parsed.data);
}

/**
 * One page of runs, newest first. Run ids are ULIDs (time-ordered), so the id is the cursor and
 * the time range is an id range: every filter is one (workspaceId, column, id) index range read in
 * order (workflowId + status: (workflowId, status, id)), and a page stops after `limit` rows
 * however large the history is. Only a payload search (`q`) reads trigger payloads (PostgreSQL:
 * trigram index; SQLite: a scan of the filtered range).
 */
export async function queryRuns(query: RunListQuery): Promise<{ runs: RunSummary[]; nextCursor: string | null }> {
  const { workspaceId, workflowId, status, triggerKind, from, to, q, limit, cursor } = query;
  const idRange: { gte?: string; lt?: string } = {};
  if (from) idRange.gte = timeBoundId(from);
  if (to) idRange.lt = timeBoundId(to);
  if (cursor && (!idRange.lt || cursor < idRange.lt)) idRange.lt = cursor;

  let ids: string[] | null = null;
  if (q) ids = await searchRunIds({ workspaceId, workflowId, status, triggerKind, idRange, q, take: limit + 1 });
  const rows = await db().run.findMany({
    where: ids ? { id: { in: ids } } : { workspaceId, workflowId, status, triggerKind, ...(idRange.gte || idRange.lt ? { id: idRange } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
    include: { workflow: { select: { name: true } } },
  });
  const page = rows.slice(0, limit);
  const attempts = await attemptCounts(page.map((r) => r.id));
  return {
    runs: page.map((row) => summarize(row, attempts.get(row.id))),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}

/** The smallest run id created at `time`: "run_" and the ULID's time part (see lib/ids.ts). */
export function timeBoundId(time: Date): string {
  return `run_${encodeTime(Math.max(0, time.getTime()), 10).toLowerCase()}`;
}

async function searchRunIds(filter: { workspaceId: string; workflowId?: string; status?: string; triggerKind?: string; idRange: { gte?: string; lt?: string }; q: string; take: number }): Promise<string[]> {
  const sql = new SqlQuery();
  const where: string[] = [`"workspaceId" = ${sql.param(filter.workspaceId)}`, `"trigger" IS NOT NULL`];
  if (filter.workflowId) where.push(`"workflowId" = ${sql.param(filter.workflowId)}`);
  if (filter.status) where.push(`"status" = ${sql.param(filter.status)}`);
  if (filter.triggerKind) where.push(`"triggerKind" = ${sql.param(filter.triggerKind)}`);
  if (filter.idRange.gte) where.push(`"id" >= ${sql.param(filter.idRange.gte)}`);
  if (filter.idRange.lt) where.push(`"id" < ${sql.param(filter.idRange.lt)}`);
  // The expression matches the trigram index of migration 0004 on PostgreSQL.
  where.push(sql.contains(sql.kind === "postgresql" ? `("trigger"::text)` : `"trigger"`, filter.q));
  const rows = await sql.run<{ id: string }>(`SELECT "id" FROM "Run" WHERE ${where.join(" AND ")} ORDER BY "id" DESC LIMIT ${sql.param(filter.take)}`);
  return rows.map((r) => r.id);
}

/** Attempts per run (kind "attempt" only: sleeps, waits and reused steps are not attempts). */
/** A run's loop chunks, with their items' range read in the database (a chunk stores its items). */
async function loopChunksOf(parentRunId: string, workspaceId: string): Promise<RunDetail["chunks"]> {
  const sql = new SqlQuery();
  const chunk = '"loopChunk"';
  const rows = await sql.run<{ id: string; status: string; splitId: string; first: unknown; count: unknown }>(
    `SELECT "id", "status", ${sql.jsonText(chunk, "splitId")} AS "splitId", ${sql.jsonNumber(chunk, ["offset"])} AS "first", ${sql.jsonArrayLength(chunk, "items")} AS "count"
     FROM "Run" WHERE "parentRunId" = ${sql.param(parentRunId)} AND "workspaceId" = ${sql.param(workspaceId)} AND "loopChunk" IS NOT NULL`,
  );
  return rows
    .map((r) => ({ id: r.id, status: r.status as RunStatus, splitId: r.splitId, first: num(r.first), count: num(r.count) }))
    .sort((a, b) => a.splitId.localeCompare(b.splitId) || a.first - b.first);
}

async function attemptCounts(runIds: string[]): Promise<Map<string, { total: number; retries: number }>> {
  const counts = new Map<string, { total: number; retries: number }>();
  if (!runIds.length) return counts;
  const [totals, retries] = await Promise.all([
    db().stepAttempt.groupBy({ by: ["runId"], where: { runId: { in: runIds }, kind: "attempt" }, _count: { _all: true } }),
    db().stepAttempt.groupBy({ by: ["runId"], where: { runId: { in: runIds }, kind: "attempt", attempt: { gt: 1 } }, _count: { _all: true } }),
  ]);
  for (const row of totals) counts.set(row.runId, { total: row._count._all, retries: 0 });
  for (const row of retries) counts.get(row.runId)!.retries = row._count._all;
  return counts;
}

export async function getRun(workspaceId: string, id: string): Promise<RunDetail> {
  const row = await db().run.findFirst({
    where: { id, workspaceId },
    include: { workflow: { select: { name: true, version: true, document: true } }, steps: true, stepAttempts: { orderBy: [{ startedAt: "asc" }, { attempt: "asc" }] } },
  });
  if (!row) throw notFound("Run");
  const version = await db().workflowVersion.findUnique({
    where: { workflowId_version: { workflowId: row.workflowId, version: row.workflowVersion } },
    select: { document: true },
  });
  const document = version?.document as WorkflowDocument | undefined;
  const names = new Map(document?.nodes.map((n) => [n.id, n.name ?? null]) ?? []);
  // Steps in the order they ran; steps that never started (skipped) last, in graph order.
  const order = new Map(document ? topologicalOrder(document).map((nodeId, i) => [nodeId, i]) : []);
  const steps = [...row.steps].sort((a, b) => sortKey(a) - sortKey(b) || (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0));
  function sortKey(step: { startedAt: Date | null }) {
    return step.startedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  }
  const timelines = new Map<string, StepAttemptView[]>();
  for (const a of row.stepAttempts) {
    const list = timelines.get(a.nodeId) ?? [];
    list.push({ kind: a.kind as StepAttemptView["kind"], attempt: a.attempt, status: a.status as StepStatus, startedAt: a.startedAt.toISOString(), endedAt: iso(a.endedAt), error: a.error as SerializedError | null });
    timelines.set(a.nodeId, list);
  }
  const [actions, replays, attempts, chunks] = await Promise.all([
    listRunActions(id),
    db().run.findMany({ where: { replayOf: id }, orderBy: { id: "desc" }, take: 50, select: { id: true, status: true, createdAt: true, replayFromNode: true } }),
    attemptCounts([id]),
    loopChunksOf(id, workspaceId),
  ]);
  const itemsOf = (chunk: unknown): LoopChunkItems => {
    const { splitId, offset, items } = chunk as { splitId: string; offset: number; items: unknown[] };
    return { splitId, first: offset, count: items.length };
  };
  const isChunk = Boolean(row.parentRunId && row.loopChunk);
  const plan = document ? planReplay(document, row.steps, (row.error as { nodeId?: string } | null)?.nodeId) : null;
  const published = document && plan && row.workflow.version !== row.workflowVersion ? planReplayOn(row.workflow.document as unknown as WorkflowDocument, document, plan) : null;
  const download = (path: string) => valueDownloadUrl(id, path);
  return {
    ...summarize(row, attempts.get(id)),
    usesPinnedData: row.usesPinnedData,
    trigger: forView(row.trigger, download("trigger")),
    output: forView(row.output, download("output")),
    error: forView(row.error, download("error")) as RunDetail["error"],
    steps: steps.map((s) => {
      const timeline = timelines.get(s.nodeId) ?? [];
      return {
        nodeId: s.nodeId,
        nodeType: s.nodeType,
        nodeName: names.get(s.nodeId) ?? null,
        status: s.status as StepStatus,
        attempts: s.attempts,
        branch: s.branch,
        skipReason: s.skipReason,
        startedAt: iso(s.startedAt),
        endedAt: iso(s.endedAt),
        input: forView(s.input, download(`steps.${s.nodeId}.input`)),
        output: forView(s.output, download(`steps.${s.nodeId}.output`)),
        error: forView(s.error, download(`steps.${s.nodeId}.error`)) as StepSummary["error"],
        timeline,
        reused: timeline.some((t) => t.kind === "reused"),
      };
    }),
    modelUsage: sumModelUsage(steps),
    actions,
    replays: replays.map((r) => ({ id: r.id, status: r.status as RunStatus, createdAt: r.createdAt.toISOString(), replayFromNode: r.replayFromNode })),
    chunkOf: isChunk ? { parentRunId: row.parentRunId!, ...itemsOf(row.loopChunk) } : null,
    chunks,
    recovery: {
      canCancel: !TERMINAL_RUN_STATUSES.includes(row.status as RunStatus),
      // A loop chunk is replayed with its parent run.
      canRerun: replayRefusal(row.status, "rerun", row.triggerKind) === null && Boolean(document),
      // A cancelled run whose every step completed has nothing to resume: rerun it instead.
      canReplay: replayRefusal(row.status, "replay", row.triggerKind) === null && Boolean(document) && (row.status === "failed" || Boolean(plan?.fromNode)),
      replayFrom: plan?.fromNode ?? null,
      reuse: plan?.reuse ?? [],
      published: published && { version: row.workflow.version, replayFrom: published.fromNode, reuse: published.reuse },
    },
  };
}

/** A whole stored value of a run, for download (the detail may show only a preview of it). */
export async function getRunValue(workspaceId: string, id: string, path: string): Promise<unknown> {
  const target = parseValuePath(path);
  if (!target) throw new ApiError(400, "Invalid query", [{ path: "path", message: "Use trigger, output, error or steps.<nodeId>.input|output|error" }]);
  const run = await db().run.findFirst({ where: { id, workspaceId }, select: { trigger: true, output: true, error: true } });
  if (!run) throw notFound("Run");
  if (target.scope === "run") return run[target.field];
  const step = await db().stepRun.findUnique({ where: { runId_nodeId: { runId: id, nodeId: target.nodeId } }, select: { input: true, output: true, error: true } });
  if (!step) throw notFound("Step");
  return step[target.field];
}

type RunRow = {
  id: string;
  workflowId: string;
  workflowVersion: number;
  status: string;
  triggerKind: string;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  replayOf: string | null;
  replayFromNode: string | null;
  workflow: { name: string };
};

function summarize(row: RunRow, attempts = { total: 0, retries: 0 }): RunSummary {
  return {
    id: row.id,
    workflowId: row.workflowId,
    workflowName: row.workflow.name,
    workflowVersion: row.workflowVersion,
    status: row.status as RunStatus,
    triggerKind: row.triggerKind,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    durationMs: row.endedAt ? row.endedAt.getTime() - (row.startedAt ?? row.createdAt).getTime() : null,
    attempts,
    replayOf: row.replayOf,
    replayFromNode: row.replayFromNode,
  };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
