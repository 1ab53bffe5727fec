import { isUniqueConflict } from "@/lib/db/unique-conflict";
import { db } from "@/lib/db/client";
import type { WorkflowDocument } from "@/lib/document/schema";
import { newId } from "@/lib/ids";
import { metrics, safely } from "@/lib/metrics";
import { deliverAlert, publicUrl } from "../alerts";
import { num, SqlQuery } from "../sql";
import { durationBucket, percentile, runDuration } from "../durations";
import { ANOMALY_METHOD, detectAnomalies, type Anomaly, type AnomalyKind, type HourCounts } from "./detect";

const HOUR_MS = 60 * 60_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

export interface RecordedAnomaly extends Anomaly {
  id: string;
  workflowId: string;
  workflowName: string;
  windowStart: string;
  windowEnd: string;
  detectedAt: string;
}

/**
 * Checks the last complete hour before `now` of every active workflow (of one workspace, or all)
 * against its baseline, records what left it and alerts the workflow's alert channels. A finding
 * is recorded once per workflow, kind and hour (a unique key), so passes that overlap, repeat or
 * run in several processes alert once. Answers the findings this pass recorded.
 */
export async function evaluateAnomalies(options: { now?: Date; workspaceId?: string } = {}): Promise<RecordedAnomaly[]> {
  const windowEnd = new Date(Math.floor((options.now ?? new Date()).getTime() / HOUR_MS) * HOUR_MS);
  const windows = Array.from({ length: ANOMALY_METHOD.baselineWeeks + 1 }, (_, week) => {
    const from = new Date(windowEnd.getTime() - HOUR_MS - week * WEEK_MS);
    return { from, to: new Date(from.getTime() + HOUR_MS) };
  });
  const hours = await Promise.all(windows.map((window) => hourCounts(window, options.workspaceId)));
  const candidates = new Set(hours.slice(1).flatMap((hour) => [...hour.keys()]));
  if (!candidates.size) return [];
  const workflows = await db().workflow.findMany({
    where: { id: { in: [...candidates] }, active: true, ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}) },
    select: { id: true, workspaceId: true, name: true, createdAt: true, document: true },
  });

  const recorded: RecordedAnomaly[] = [];
  for (const workflow of workflows) {
    // Weeks before the workflow existed are not a baseline of zero runs.
    const baseline = windows.slice(1).flatMap((window, index) => (window.from >= workflow.createdAt ? [hours[index + 1].get(workflow.id) ?? EMPTY_HOUR] : []));
    const current = hours[0].get(workflow.id) ?? EMPTY_HOUR;
    for (const anomaly of detectAnomalies(current, baseline)) {
      const row = await record(workflow, windows[0], anomaly, { current, baseline });
      if (!row) continue;
      recorded.push(row);
      await alert(workflow, row);
    }
  }
  return recorded;
}

/** The recorded findings of a workspace whose hour started at or after `since`, newest first. */
export async function listAnomalies(workspaceId: string, since: Date, limit = 50): Promise<RecordedAnomaly[]> {
  const rows = await db().workflowAnomaly.findMany({ where: { workspaceId, windowStart: { gte: since } }, orderBy: [{ windowStart: "desc" }, { kind: "asc" }], take: limit });
  const names = new Map(
    (await db().workflow.findMany({ where: { workspaceId, id: { in: [...new Set(rows.map((r) => r.workflowId))] } }, select: { id: true, name: true } })).map((w) => [w.id, w.name]),
  );
  return rows.map((row) => present(row, names.get(row.workflowId) ?? row.workflowId));
}

const EMPTY_HOUR: HourCounts = { runs: 0, completed: 0, failed: 0, p95Ms: null };

/**
 * Per workflow: runs created in the window by status, and the p95 duration of the completed ones.
 * One read of the window's runs: without a workspace, the background check reads them through
 * the createdAt index (there is no unscoped (status, createdAt) index).
 */
async function hourCounts(window: { from: Date; to: Date }, workspaceId: string | undefined): Promise<Map<string, HourCounts>> {
  const q = new SqlQuery();
  // Placeholders are positional on SQLite: parameters are added in the order they appear in the text.
  const workspace = workspaceId === undefined ? "" : `"workspaceId" = ${q.param(workspaceId)} AND `;
  const rows = await q.run<{ workflowId: string; status: string; ms: unknown; n: unknown }>(
    `SELECT "workflowId" AS "workflowId", status, ${durationBucket("d")} AS ms, COUNT(*) AS n
       FROM (SELECT "workflowId", "status" AS status, CASE WHEN "status" = 'completed' AND "endedAt" IS NOT NULL THEN ${runDuration(q)} END AS d
               FROM "Run" WHERE ${workspace}"createdAt" >= ${q.param(window.from)} AND "createdAt" < ${q.param(window.to)}) x
      GROUP BY 1, 2, 3`,
  );
  const hours = new Map<string, HourCounts>();
  const histograms = new Map<string, [number, number][]>();
  for (const row of rows) {
    const hour = hours.get(row.workflowId) ?? { ...EMPTY_HOUR };
    const n = num(row.n);
    hour.runs += n;
    if (row.status === "completed") hour.completed += n;
    if (row.status === "failed") hour.failed += n;
    hours.set(row.workflowId, hour);
    if (row.ms === null) continue;
    const histogram = histograms.get(row.workflowId) ?? [];
    histogram.push([num(row.ms), n]);
    histograms.set(row.workflowId, histogram);
  }
  for (const [workflowId, hour] of hours) {
    const histogram = histograms.get(workflowId);
    if (histogram) hour.p95Ms = percentile(histogram, 0.95);
  }
  return hours;
}

type WorkflowRow = { id: string; workspaceId: string; name: string; document: unknown };

async function record(workflow: WorkflowRow, window: { from: Date; to: Date }, anomaly: Anomaly, detail: { current: HourCounts; baseline: HourCounts[] }): Promise<RecordedAnomaly | null> {
  try {
    const row = await db().workflowAnomaly.create({
      data: {
        id: newId("anom"),
        workspaceId: workflow.workspaceId,
        workflowId: workflow.id,
        kind: anomaly.kind,
        windowStart: window.from,
        windowEnd: window.to,
        observed: anomaly.observed,
        expected: anomaly.expected,
        detail: { summary: anomaly.summary, current: { ...detail.current }, baseline: detail.baseline.map((week) => ({ ...week })) },
      },
    });
    return present(row, workflow.name);
  } catch (error) {
    if (isUniqueConflict(error)) return null;
    throw error;
  }
}

function present(
  row: { id: string; workflowId: string; kind: string; windowStart: Date; windowEnd: Date; observed: number; expected: number; detail: unknown; detectedAt: Date },
  workflowName: string,
): RecordedAnomaly {
  return {
    id: row.id,
    workflowId: row.workflowId,
    workflowName,
    kind: row.kind as AnomalyKind,
    observed: row.observed,
    expected: row.expected,
    summary: String((row.detail as { summary?: unknown } | null)?.summary ?? ""),
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    detectedAt: row.detectedAt.toISOString(),
  };
}

const TITLES: Record<AnomalyKind, string> = { volume_drop: "fewer runs than usual", error_spike: "more failures than usual", slow_runs: "slower runs than usual" };

async function alert(workflow: WorkflowRow, anomaly: RecordedAnomaly) {
  const alerts = (workflow.document as WorkflowDocument).settings?.alerts;
  if (!alerts?.webhookUrl && !alerts?.email) return;
  const path = `/runs?workflowId=${workflow.id}`;
  const url = publicUrl(path);
  const hour = `${anomaly.windowStart.slice(0, 16).replace("T", " ")}–${anomaly.windowEnd.slice(11, 16)} UTC`;
  const text = `Switchboard: “${workflow.name}” had ${TITLES[anomaly.kind]} in ${hour}: ${anomaly.summary}`;
  const body = {
    type: "workflow.anomaly",
    text,
    workflow: { id: workflow.id, name: workflow.name },
    anomaly: { kind: anomaly.kind, windowStart: anomaly.windowStart, windowEnd: anomaly.windowEnd, observed: anomaly.observed, expected: anomaly.expected, summary: anomaly.summary },
    runs: { path, ...(url ? { url } : {}) },
  };
  const sent = await deliverAlert(alerts, workflow.workspaceId, {
    about: `the ${anomaly.kind} of workflow ${workflow.id}`,
    text,
    body,
    subject: `“${workflow.name}”: ${TITLES[anomaly.kind]}`,
    lines: [text, "", `Runs: ${url ?? path}`],
  });
  safely(() => metrics().alerts.inc({ outcome: sent ? "sent" : "failed" }));
}
