import { errorSignature, foldBySignature } from "./error-signature";
import { isoDate, num, SqlQuery } from "./sql";

/**
 * The dead-letter queue: failed runs that no replay or rerun was started from. A failed replay
 * is itself such a run, so each chain of failures counts once, at its newest run. A failed loop
 * chunk is not listed: its parent failed with it and is the run to replay.
 */
const AWAITING = `r."status" = 'failed' AND r."triggerKind" <> 'loop' AND NOT EXISTS (SELECT 1 FROM "Run" c WHERE c."replayOf" = r."id")`;

/** In one workspace, or (for instance metrics) in all of them. */
export async function countAwaitingReplay(workspaceId?: string): Promise<number> {
  const q = new SqlQuery();
  const [row] = await q.run<{ n: unknown }>(`SELECT COUNT(*) AS n FROM "Run" r WHERE ${workspaceId ? `r."workspaceId" = ${q.param(workspaceId)} AND ` : ""}${AWAITING}`);
  return num(row?.n);
}

export interface FailedGroup {
  workflowId: string;
  workflowName: string;
  nodeId: string | null;
  message: string;
  count: number;
  firstAt: string | null;
  lastAt: string | null;
  /** The newest runs of the group (at most RUNS_PER_GROUP), newest first. */
  runs: { id: string; createdAt: string }[];
}

const GROUP_LIMIT = 200;
/** Distinct raw messages read before folding them by signature (a breaker refusal differs per run by its reopening time). */
const RAW_GROUP_LIMIT = 5000;
const RUNS_PER_GROUP = 200;

/** Failed runs awaiting replay, grouped by workflow, failed step and error signature (the message without timestamps, ids and durations), largest groups first. */
export async function failedRunGroups(workspaceId: string, filter: { workflowId?: string } = {}): Promise<{ groups: FailedGroup[]; total: number }> {
  const q = new SqlQuery();
  const message = `COALESCE(${q.jsonText(`r."error"`, "message")}, 'Unknown error')`;
  const nodeId = q.jsonText(`r."error"`, "nodeId");
  const where = `r."workspaceId" = ${q.param(workspaceId)} AND ${AWAITING}${filter.workflowId ? ` AND r."workflowId" = ${q.param(filter.workflowId)}` : ""}`;
  const rows = await q.run<{ workflowId: string; workflowName: string; message: string | null; nodeId: string | null; n: unknown; firstAt: unknown; lastAt: unknown }>(
    `SELECT r."workflowId" AS "workflowId", w."name" AS "workflowName", ${message} AS "message", ${nodeId} AS "nodeId",
            COUNT(*) AS n, MIN(r."createdAt") AS "firstAt", MAX(r."createdAt") AS "lastAt"
       FROM "Run" r JOIN "Workflow" w ON w."id" = r."workflowId"
      WHERE ${where}
      GROUP BY r."workflowId", w."name", ${message}, ${nodeId}
      ORDER BY n DESC, MAX(r."createdAt") DESC
      LIMIT ${RAW_GROUP_LIMIT}`,
  );
  const raw: FailedGroup[] = rows.map((row) => ({
    workflowId: row.workflowId,
    workflowName: row.workflowName,
    nodeId: row.nodeId ?? null,
    message: row.message ?? "Unknown error",
    count: num(row.n),
    firstAt: isoDate(row.firstAt),
    lastAt: isoDate(row.lastAt),
    runs: [],
  }));
  const groups: FailedGroup[] = foldBySignature(raw, (g) => `${g.workflowId}\u0000${g.nodeId ?? ""}`)
    .slice(0, GROUP_LIMIT)
    .map(({ signature: _signature, ...group }) => group);
  if (groups.length) await attachRuns(workspaceId, groups, filter.workflowId);
  return { groups, total: groups.reduce((sum, g) => sum + g.count, 0) };
}

/** The newest member runs of each group, so the UI can select them for a bulk replay. */
async function attachRuns(workspaceId: string, groups: FailedGroup[], workflowId?: string) {
  const q = new SqlQuery();
  const message = `COALESCE(${q.jsonText(`r."error"`, "message")}, 'Unknown error')`;
  const nodeId = q.jsonText(`r."error"`, "nodeId");
  const rows = await q.run<{ id: string; workflowId: string; message: string | null; nodeId: string | null; createdAt: unknown }>(
    `SELECT r."id" AS "id", r."workflowId" AS "workflowId", ${message} AS "message", ${nodeId} AS "nodeId", r."createdAt" AS "createdAt"
       FROM "Run" r
      WHERE r."workspaceId" = ${q.param(workspaceId)} AND ${AWAITING}${workflowId ? ` AND r."workflowId" = ${q.param(workflowId)}` : ""}
      ORDER BY r."id" DESC
      LIMIT ${q.param(2000)}`,
  );
  const key = (w: string, n: string | null, m: string | null) => `${w}\u0000${n ?? ""}\u0000${errorSignature(m ?? "Unknown error")}`;
  const byKey = new Map(groups.map((g) => [key(g.workflowId, g.nodeId, g.message), g]));
  for (const row of rows) {
    const group = byKey.get(key(row.workflowId, row.nodeId, row.message));
    if (group && group.runs.length < RUNS_PER_GROUP) group.runs.push({ id: row.id, createdAt: isoDate(row.createdAt) ?? "" });
  }
}
