import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError, invalid, notFound, type ApiIssue } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import { queryRows, readDate, readJson, readNumber } from "@/lib/db/direct-sql";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { newId } from "@/lib/ids";
import { toJson } from "@/lib/json";
import { triggerNodeOf } from "@/lib/document/trigger";
import { describeTrigger } from "@/lib/triggers/describe";
import { forgetWebhookTargets } from "@/lib/triggers/webhook/target";
import { markTriggerActivated, syncWorkflowTrigger } from "@/lib/triggers/workflow-trigger";
import { draftDocumentSchema, workflowDocumentSchema, type WorkflowDocument } from "@/lib/document/schema";
import { describeDocumentIssue } from "@/lib/editor/describe-issue";
import { toIssuePath } from "@/lib/editor/issues";
import type { RunStatus } from "@/lib/runs/status";
import { protectSecrets } from "./secrets";

export interface WorkflowSummary {
  id: string;
  name: string;
  active: boolean;
  version: number;
  triggerType: string | null;
  nodeCount: number;
  createdAt: string;
  updatedAt: string;
  lastRun: { id: string; status: RunStatus; createdAt: string } | null;
  /** What the trigger listens for, in words ("Every 15m", "order.*", "POST · Stripe signature"). */
  triggerDetail: string | null;
  /** When a trigger (webhook, schedule, poll, event) last started a run. */
  lastTriggeredAt: string | null;
  /** When the editor last saved unpublished changes (a draft), or null when there are none. */
  draftSavedAt: string | null;
}

export interface WorkflowDetail extends WorkflowSummary {
  /** The published document: what triggers and manual runs use. */
  document: WorkflowDocument;
  /** Unpublished edits from the editor (lib/workflow-store/drafts.ts), or null when there are none. */
  draft: WorkflowDocument | null;
  webhookToken: string;
}

/** A complete, runnable document, or a 400 whose issues name the node or connection they are about. */
export function parseDocument(input: unknown): WorkflowDocument {
  const result = workflowDocumentSchema.safeParse(input);
  if (result.success) return result.data;
  const shape = draftDocumentSchema.safeParse(input);
  throw new ApiError(400, "Invalid workflow document", namedIssues(shape.success ? shape.data : null, result.error.issues));
}

/** Issues with dotted paths and, when the document's shape is known, messages that name what they are about. */
export function namedIssues(document: WorkflowDocument | null, issues: readonly { path: readonly PropertyKey[] | string; message: string }[]): ApiIssue[] {
  return issues.map((issue) => {
    const path = toIssuePath(issue.path);
    return { path: path.join("."), message: document ? describeDocumentIssue(document, { path, message: issue.message }) : issue.message };
  });
}

function newWebhookToken(): string {
  return randomBytes(24).toString("base64url");
}

export async function listWorkflows(workspaceId: string): Promise<WorkflowSummary[]> {
  const [rows, lastRuns] = await Promise.all([
    db().workflow.findMany({ where: { workspaceId }, orderBy: { updatedAt: "desc" }, include: { trigger: { select: { lastTriggeredAt: true } } } }),
    latestRuns(Prisma.sql`w."workspaceId" = ${workspaceId}`),
  ]);
  return rows.map((row) => summarize(row, lastRuns.get(row.id) ?? null));
}

export async function getWorkflow(workspaceId: string, id: string): Promise<WorkflowDetail> {
  const [row, lastRuns] = await Promise.all([
    db().workflow.findFirst({ where: { id, workspaceId }, include: { trigger: { select: { lastTriggeredAt: true } } } }),
    latestRuns(Prisma.sql`w."id" = ${id} AND w."workspaceId" = ${workspaceId}`),
  ]);
  if (!row) throw notFound("Workflow");
  return {
    ...summarize(row, lastRuns.get(row.id) ?? null),
    document: row.document as unknown as WorkflowDocument,
    draft: (row.draft ?? null) as WorkflowDocument | null,
    webhookToken: row.webhookToken,
  };
}

/** What a manual run starts from: the published document and its version, in one read of one row. */
export async function getPublishedWorkflow(workspaceId: string, id: string): Promise<{ id: string; version: number; document: WorkflowDocument }> {
  // Read at every manual start: raw SQL, without Prisma's query pipeline (lib/db/direct-sql.ts).
  const [row] = await queryRows(Prisma.sql`SELECT "id", "version", "document" FROM "Workflow" WHERE "id" = ${id} AND "workspaceId" = ${workspaceId}`);
  if (!row) throw notFound("Workflow");
  return { id: row.id as string, version: readNumber(row.version), document: readJson(row.document) as WorkflowDocument };
}

type LastRun = { id: string; status: string; createdAt: Date };

/**
 * The latest run of each workflow `which` selects (a condition on the workflow, `w`): one seek per
 * workflow on the (workflowId, createdAt) index, read backwards. Prisma's nested `runs: { take: 1 }`
 * fetched every run of the workflows (its SQL had no limit) and kept the first, so listing
 * workflows, opening one and starting a run read its whole run history.
 */
async function latestRuns(which: Prisma.Sql): Promise<Map<string, LastRun>> {
  const rows = await queryRows(Prisma.sql`SELECT "id", "status", "createdAt", "workflowId" FROM "Run" WHERE "id" IN (
      SELECT (SELECT r."id" FROM "Run" r WHERE r."workflowId" = w."id" ORDER BY r."createdAt" DESC LIMIT 1) FROM "Workflow" w WHERE ${which})`);
  return new Map(rows.map((row) => [row.workflowId as string, { id: row.id as string, status: row.status as string, createdAt: readDate(row.createdAt) }]));
}

type Row = { id: string; name: string; active: boolean; version: number; document: unknown; draftSavedAt: Date | null; createdAt: Date; updatedAt: Date; trigger?: { lastTriggeredAt: Date | null } | null };

function summarize(row: Row, lastRun: LastRun | null): WorkflowSummary {
  const document = row.document as WorkflowDocument;
  const trigger = triggerNodeOf(document);
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    version: row.version,
    triggerType: trigger?.type ?? null,
    triggerDetail: trigger ? describeTrigger(trigger.type, trigger.config) : null,
    nodeCount: document.nodes.length,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastRun: lastRun && { id: lastRun.id, status: lastRun.status as RunStatus, createdAt: lastRun.createdAt.toISOString() },
    lastTriggeredAt: row.trigger?.lastTriggeredAt?.toISOString() ?? null,
    draftSavedAt: row.draftSavedAt?.toISOString() ?? null,
  };
}

/** Settings that point at other workflows must point at existing ones. */
export async function checkReferences(workspaceId: string, document: WorkflowDocument, selfId?: string) {
  const target = document.settings?.failureWorkflowId;
  if (!target) return;
  const path = "settings.failureWorkflowId";
  if (target === selfId) throw new ApiError(400, "Invalid workflow document", [{ path, message: "A workflow cannot be its own failure workflow" }]);
  if (!(await db().workflow.findFirst({ where: { id: target, workspaceId }, select: { id: true } }))) {
    throw new ApiError(400, "Invalid workflow document", [{ path, message: `No workflow "${target}"` }]);
  }
}

/** Creates a workflow; `options.id` keeps the id it has elsewhere (an import from another instance), `options.active` its switch. */
export async function createWorkflow(workspaceId: string, input: unknown, options: { id?: string; active?: boolean } = {}): Promise<WorkflowDetail> {
  const document = protectSecrets(parseDocument(input));
  await checkReferences(workspaceId, document);
  const id = options.id ?? newId("wf");
  await db().$transaction(async (tx) => {
    await tx.workflow.create({ data: { id, workspaceId, name: document.name, document: document as object, webhookToken: newWebhookToken(), version: 1, ...(options.active === undefined ? {} : { active: options.active }) } });
    await tx.workflowVersion.create({ data: { workflowId: id, version: 1, document: document as object } });
    await syncWorkflowTrigger(tx, id, 1, document);
  });
  return getWorkflow(workspaceId, id);
}

/** A copy under a new id, named "<name> (copy)" and switched off so it does not answer the original's triggers; secrets are copied encrypted. */
export async function duplicateWorkflow(workspaceId: string, id: string): Promise<WorkflowDetail> {
  const original = await getWorkflow(workspaceId, id);
  const name = `${original.name} (copy)`.slice(0, 200);
  return createWorkflow(workspaceId, { ...original.document, name }, { active: false });
}

/** Saves a new version of the document; runs in flight keep the version they started with. */
export async function replaceWorkflow(workspaceId: string, id: string, input: unknown): Promise<WorkflowDetail> {
  const current = await getWorkflow(workspaceId, id);
  const document = protectSecrets(parseDocument(input), current.document);
  await checkReferences(workspaceId, document, id);
  await saveVersion(id, document);
  return getWorkflow(workspaceId, id);
}

export interface VersionNote {
  message?: string;
  createdBy?: string;
  /** Publishing a draft: it becomes the version, and the editor shows the published document again. */
  clearDraft?: boolean;
}

/** Publishes `document` as the next version; runs in flight keep the version they started with. */
export async function saveVersion(id: string, document: WorkflowDocument, note: VersionNote = {}) {
  await db().$transaction(async (tx) => {
    const current = await tx.workflow.findUnique({ where: { id }, select: { version: true } });
    if (!current) throw notFound("Workflow");
    const version = current.version + 1;
    await tx.workflow.update({ where: { id }, data: { name: document.name, document: document as object, version, ...(note.clearDraft ? { draft: toJson(null), draftSavedAt: null } : {}) } });
    await tx.workflowVersion.create({ data: { workflowId: id, version, document: document as object, message: note.message ?? null, createdBy: note.createdBy ?? null } });
    await syncWorkflowTrigger(tx, id, version, document);
  });
  forgetWebhookTargets();
}

const patchSchema = z
  .object({ active: z.boolean().optional(), name: z.string().trim().min(1, "Give the workflow a name").max(200).optional() })
  .strict()
  .refine((p) => p.active !== undefined || p.name !== undefined, { message: "Send { active } or { name }" });

export async function patchWorkflow(workspaceId: string, id: string, input: unknown): Promise<WorkflowDetail> {
  const result = patchSchema.safeParse(input);
  if (!result.success) throw invalid(result.error);
  const patch = result.data;
  const current = await getWorkflow(workspaceId, id);
  if (patch.name !== undefined && patch.name !== current.name) {
    await saveVersion(id, { ...current.document, name: patch.name });
    // A rename is not an edit of the draft's content: the draft follows it.
    if (current.draft) await db().workflow.update({ where: { id }, data: { draft: { ...current.draft, name: patch.name } as object } });
  }
  // Switching a workflow on or off is not an edit: it keeps its place in the list.
  if (patch.active !== undefined) await db().workflow.update({ where: { id }, data: { active: patch.active, updatedAt: new Date(current.updatedAt) } });
  if (patch.active && !current.active) await markTriggerActivated(id);
  if (patch.active !== undefined) forgetWebhookTargets();
  return getWorkflow(workspaceId, id);
}

export async function deleteWorkflow(workspaceId: string, id: string): Promise<void> {
  const { count } = await db().workflow.deleteMany({ where: { id, workspaceId } });
  forgetWebhookTargets();
  if (!count) throw notFound("Workflow");
}

/** A new webhook URL for the workflow; the old one answers 404 from now on. */
export async function regenerateWebhookToken(workspaceId: string, id: string): Promise<WorkflowDetail> {
  const current = await getWorkflow(workspaceId, id);
  await db().workflow.update({ where: { id }, data: { webhookToken: newWebhookToken(), updatedAt: new Date(current.updatedAt) } });
  forgetWebhookTargets();
  return getWorkflow(workspaceId, id);
}

export function workflowTrigger(document: WorkflowDocument) {
  const trigger = triggerNodeOf(document);
  if (!trigger) throw new ApiError(400, "This workflow has no trigger", [{ path: "nodes", message: "Add a trigger node" }]);
  return trigger;
}
