import { queryRows, readBoolean, readJson, readOptionalDate } from "@/lib/db/direct-sql";
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
  /** manual, webhook, failure, subworkflow, loop, … (a child run tells its parent when it ends). */
  triggerKind: string;
  /** The run this one replays, if it is a replay (seeded with the original's reused results). */
  replayOf: string | null;
  /** A loop chunk: the part of its parent's loop this run runs. */
  loopChunk?: LoopChunk;
}

// A run's workflow version and trigger never change, so replays of the function reuse them.
const cache = new Map<string, RunContext>();
const CACHE_LIMIT = 500;

export interface LoadedRunContext {
  context: RunContext;
  /** The run's status and start, read with it; not when the context came from the cache. */
  known?: { status: string; startedAt: Date | null };
}

export async function loadRunContext(runId: string): Promise<LoadedRunContext | null> {
  const cached = cache.get(runId);
  if (cached) return { context: cached };
  // The run and its workflow version's document in one statement (a version never changes, but
  // each run gets its own copy of the document to walk).
  const [row] = await queryRows(
    Prisma.sql`SELECT r."workspaceId", r."workflowId", r."trigger", r."triggerKind", r."usesPinnedData", r."replayOf", r."loopChunk", r."status", r."startedAt", v."document"
      FROM "Run" r JOIN "WorkflowVersion" v ON v."workflowId" = r."workflowId" AND v."version" = r."workflowVersion"
      WHERE r."id" = ${runId}`,
  );
  if (!row) return null;
  const loopChunk = readJson(row.loopChunk) as LoopChunk | null;
  const context: RunContext = {
    runId,
    workspaceId: row.workspaceId as string,
    workflowId: row.workflowId as string,
    trigger: readJson(row.trigger),
    triggerKind: row.triggerKind as string,
    document: readJson(row.document) as WorkflowDocument,
    usesPinnedData: readBoolean(row.usesPinnedData),
    replayOf: (row.replayOf as string | null) ?? null,
    ...(loopChunk ? { loopChunk } : {}),
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(runId, context);
  return { context, known: { status: row.status as string, startedAt: readOptionalDate(row.startedAt) } };
}
