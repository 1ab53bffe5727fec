import { db } from "@/lib/db/client";
import { queryRows, readBoolean, readJson, readNumber } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import type { WorkflowDocument } from "@/lib/document/schema";
import type { LoopChunk } from "./loop-chunks";

export interface RunContext {
  runId: string;
  /** The workflow's workspace: the run uses only its connections, store and workflows. */
  workspaceId: string;
  workflowId: string;
  trigger: unknown;
  document: WorkflowDocument;
  /** A trial run: nodes with pinned data output it instead of running. */
  usesPinnedData: boolean;
  /** A loop chunk: the part of its parent's loop this run runs. */
  loopChunk?: LoopChunk;
}

// A run's workflow version and trigger never change, so replays of the function reuse them.
const cache = new Map<string, RunContext>();
const CACHE_LIMIT = 500;

export async function loadRunContext(runId: string): Promise<RunContext | null> {
  const cached = cache.get(runId);
  if (cached) return cached;
  const [row] = await queryRows(
    Prisma.sql`SELECT "workspaceId", "workflowId", "workflowVersion", "trigger", "usesPinnedData", "loopChunk" FROM "Run" WHERE "id" = ${runId}`,
  );
  if (!row) return null;
  const run = {
    workspaceId: row.workspaceId as string,
    workflowId: row.workflowId as string,
    workflowVersion: readNumber(row.workflowVersion),
    trigger: readJson(row.trigger),
    usesPinnedData: readBoolean(row.usesPinnedData),
    loopChunk: readJson(row.loopChunk),
  };
  const version = await db().workflowVersion.findUnique({
    where: { workflowId_version: { workflowId: run.workflowId, version: run.workflowVersion } },
    select: { document: true },
  });
  if (!version) return null;
  const context: RunContext = { runId, workspaceId: run.workspaceId, workflowId: run.workflowId, trigger: run.trigger, document: version.document as unknown as WorkflowDocument, usesPinnedData: run.usesPinnedData, ...(run.loopChunk ? { loopChunk: run.loopChunk as unknown as LoopChunk } : {}) };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(runId, context);
  return context;
}
