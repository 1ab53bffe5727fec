import { z } from "zod";
import { MODEL_NODE_TYPES, type ModelUsage } from "@/lib/ai/usage";
import { invalid } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import { durationHistogram, percentile } from "./durations";
import { listAnomalies, type RecordedAnomaly } from "./anomalies/evaluate";
import { foldBySignature } from "./error-signature";
import { countAwaitingReplay } from "./failed";
import { isoDate, num, SqlQuery } from "./sql";

/** The dashboard's periods and the width of one chart bucket in each. */
export const STATS_PERIODS = {
  "1h": { ms: 60 * 60_000, bucketSeconds: 60 },
  "24h": { ms: 24 * 60 * 60_000, bucketSeconds: 15 * 60 },
  "7d": { ms: 7 * 24 * 60 * 60_000, bucketSeconds: 60 * 60 },
  "30d": { ms: 30 * 24 * 60 * 60_000, bucketSeconds: 6 * 60 * 60 },
} as const;
export type StatsPeriod = keyof typeof STATS_PERIODS;

const querySchema = z.object({ period: z.enum(Object.keys(STATS_PERIODS) as [StatsPeriod, ...StatsPeriod[]]).default("24h") });

export interface StatsBucket {
  /** Start of the bucket. */
  t: string;
  completed: number;
  failed: number;
  /** Queued, running and cancelled runs. */
  other: number;
  /** All runs created in the bucket, per minute. */
  perMinute: number;
}

export interface WorkflowStats {
  workflowId: string;
  workflowName: string;
  runs: number;
  completed: number;
  failed: number;
  /** completed / (completed + failed); null when none finished. */
  successRate: number | null;
  /** Duration of completed runs, nearest-rank percentiles, in ms. */
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface RunStats {
  period: StatsPeriod;
  from: string;
  to: string;
  bucketSeconds: number;
  totals: Omit<WorkflowStats, "workflowId" | "workflowName"> & { cancelled: number; inProgress: number };
  series: StatsBucket[];
  workflows: WorkflowStats[];
  topErrors: { message: string; workflowId: string; workflowName: string; nodeId: string | null; count: number; lastAt: string | null }[];
  awaitingReplay: number;
  /** Tokens and cost of the AI model steps of the period's runs; null when there were none. */
  modelUsage: ModelUsage | null;
  /** Hours in the period in which a workflow left its usual range (lib/runs/anomalies), newest first. */
  anomalies: RecordedAnomaly[];
}

export async function runStats(workspaceId: string, searchParams: URLSearchParams, now = new Date()): Promise<RunStats> {
  const parsed = querySchema.safeParse(Object.fromEntries(searchParams));
  if (!parsed.success) throw invalid(parsed.error, "Invalid query");
  const period = parsed.data.period;
  const { ms, bucketSeconds } = STATS_PERIODS[period];
  const from = new Date(now.getTime() - ms);

  const [counts, durations, topErrors, awaitingReplay, anomalies, modelUsage] = await Promise.all([
    bucketCounts(workspaceId, from, bucketSeconds),
    durationHistogram({ workspaceId, from }),
    errorCounts(workspaceId, from),
    countAwaitingReplay(workspaceId),
    // An hour's finding is recorded after the hour ends: the one just before the period's start belongs to it too.
    listAnomalies(workspaceId, new Date(from.getTime() - 60 * 60_000), 20),
    periodModelUsage(workspaceId, from),
  ]);
  const names = new Map(
    (await db().workflow.findMany({ where: { id: { in: [...new Set(counts.map((c) => c.workflowId))] } }, select: { id: true, name: true } })).map((w) => [w.id, w.name]),
  );

  const perWorkflow = new Map<string, { runs: number; completed: number; failed: number; cancelled: number; inProgress: number }>();
  for (const row of counts) {
    const w = perWorkflow.get(row.workflowId) ?? { runs: 0, completed: 0, failed: 0, cancelled: 0, inProgress: 0 };
    w.runs += row.n;
    if (row.status === "completed") w.completed += row.n;
    else if (row.status === "failed") w.failed += row.n;
    else if (row.status === "cancelled") w.cancelled += row.n;
    else w.inProgress += row.n;
    perWorkflow.set(row.workflowId, w);
  }
  const histograms = new Map<string, [number, number][]>();
  for (const row of durations) histograms.set(row.workflowId, [...(histograms.get(row.workflowId) ?? []), [row.ms, row.n]]);

  const workflows: WorkflowStats[] = [...perWorkflow]
    .map(([workflowId, w]) => {
      const histogram = histograms.get(workflowId) ?? [];
      return {
        workflowId,
        workflowName: names.get(workflowId) ?? workflowId,
        runs: w.runs,
        completed: w.completed,
        failed: w.failed,
        successRate: rate(w.completed, w.failed),
        p50Ms: percentile(histogram, 0.5),
        p95Ms: percentile(histogram, 0.95),
      };
    })
    .sort((a, b) => b.runs - a.runs || a.workflowName.localeCompare(b.workflowName));
  const sum = (pick: (w: { runs: number; completed: number; failed: number; cancelled: number; inProgress: number }) => number) => [...perWorkflow.values()].reduce((total, w) => total + pick(w), 0);
  const all = [...histograms.values()].flat();
  const totals = {
    runs: sum((w) => w.runs),
    completed: sum((w) => w.completed),
    failed: sum((w) => w.failed),
    cancelled: sum((w) => w.cancelled),
    inProgress: sum((w) => w.inProgress),
    successRate: rate(sum((w) => w.completed), sum((w) => w.failed)),
    p50Ms: percentile(all, 0.5),
    p95Ms: percentile(all, 0.95),
  };
  return { period, from: from.toISOString(), to: now.toISOString(), bucketSeconds, totals, series: fillBuckets(counts, from, now, bucketSeconds), workflows, topErrors, awaitingReplay, anomalies, modelUsage };
}

function rate(completed: number, failed: number): number | null {
  return completed + failed ? completed / (completed + failed) : null;
}

/** Runs per time bucket, workflow and status: one pass over the covering (workspaceId, status, createdAt, workflowId, …) index. */
async function bucketCounts(workspaceId: string, from: Date, bucketSeconds: number) {
  const q = new SqlQuery();
  const bucket = q.bucket(`"createdAt"`, bucketSeconds);
  const rows = await q.run<{ t: unknown; workflowId: string; status: string; n: unknown }>(
    `SELECT ${bucket} AS t, "workflowId" AS "workflowId", "status" AS status, COUNT(*) AS n FROM "Run" WHERE "workspaceId" = ${q.param(workspaceId)} AND "createdAt" >= ${q.param(from)} GROUP BY ${bucket}, "workflowId", "status"`,
  );
  return rows.map((r) => ({ t: num(r.t), workflowId: r.workflowId, status: r.status, n: num(r.n) }));
}

function fillBuckets(rows: { t: number; status: string; n: number }[], from: Date, now: Date, bucketSeconds: number): StatsBucket[] {
  const first = Math.floor(from.getTime() / 1000 / bucketSeconds) * bucketSeconds;
  const last = Math.floor(now.getTime() / 1000 / bucketSeconds) * bucketSeconds;
  const buckets = new Map<number, StatsBucket>();
  for (let t = first; t <= last; t += bucketSeconds) buckets.set(t, { t: new Date(t * 1000).toISOString(), completed: 0, failed: 0, other: 0, perMinute: 0 });
  for (const row of rows) {
    const bucket = buckets.get(row.t);
    if (!bucket) continue;
    if (row.status === "completed") bucket.completed += row.n;
    else if (row.status === "failed") bucket.failed += row.n;
    else bucket.other += row.n;
  }
  for (const bucket of buckets.values()) bucket.perMinute = (bucket.completed + bucket.failed + bucket.other) / (bucketSeconds / 60);
  return [...buckets.values()];
}

async function errorCounts(workspaceId: string, from: Date) {
  const q = new SqlQuery();
  const message = `COALESCE(${q.jsonText(`r."error"`, "message")}, 'Unknown error')`;
  const nodeId = q.jsonText(`r."error"`, "nodeId");
  const rows = await q.run<Record<string, unknown>>(
    `SELECT ${message} AS message, r."workflowId" AS "workflowId", w."name" AS "workflowName", ${nodeId} AS "nodeId", COUNT(*) AS n, MAX(r."createdAt") AS "lastAt"
       FROM "Run" r JOIN "Workflow" w ON w."id" = r."workflowId"
      WHERE r."workspaceId" = ${q.param(workspaceId)} AND r."status" = 'failed' AND r."createdAt" >= ${q.param(from)}
      GROUP BY ${message}, r."workflowId", w."name", ${nodeId}
      ORDER BY n DESC
      LIMIT 5000`,
  );
  // Grouped by the raw message in SQL, then by its signature here (timestamps, ids and durations removed).
  const raw = rows.map((r) => ({
    message: String(r.message),
    workflowId: String(r.workflowId),
    workflowName: String(r.workflowName),
    nodeId: (r.nodeId as string | null) ?? null,
    count: num(r.n),
    lastAt: isoDate(r.lastAt),
  }));
  return foldBySignature(raw, (r) => `${r.workflowId}\u0000${r.nodeId ?? ""}`)
    .slice(0, 10)
    .map(({ signature: _signature, ...group }) => group);
}

/** The AI model steps of runs created since `from` (a cut-down output keeps these small fields in its preview); an agent's step counts its turns. */
async function periodModelUsage(workspaceId: string, from: Date): Promise<ModelUsage | null> {
  const q = new SqlQuery();
  const field = (...path: string[]) => `COALESCE(${q.jsonNumber(`s."output"`, path)}, ${q.jsonNumber(`s."output"`, ["preview", ...path])})`;
  const types = MODEL_NODE_TYPES.map((type) => q.param(type)).join(", ");
  const [row] = await q.run<{ calls: unknown; input: unknown; output: unknown; cost: unknown }>(
    `SELECT SUM(COALESCE(${field("turns")}, 1)) AS calls, SUM(${field("usage", "inputTokens")}) AS input, SUM(${field("usage", "outputTokens")}) AS output, SUM(${field("costUsd")}) AS cost
       FROM "StepRun" s JOIN "Run" r ON r."id" = s."runId"
      WHERE s."nodeType" IN (${types}) AND s."status" = 'completed' AND r."workspaceId" = ${q.param(workspaceId)} AND r."createdAt" >= ${q.param(from)}`,
  );
  const calls = num(row?.calls);
  if (!calls) return null;
  return { calls, inputTokens: num(row.input), outputTokens: num(row.output), costUsd: row.cost === null || row.cost === undefined ? null : num(row.cost) };
}
