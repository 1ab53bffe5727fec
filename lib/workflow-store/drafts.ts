import { isDeepStrictEqual } from "node:util";
import { ApiError, notFound, type ApiIssue } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import { toJson } from "@/lib/json";
import { draftDocumentSchema, workflowDocumentSchema, type WorkflowDocument } from "@/lib/document/schema";
import { checkReferences, getWorkflow, namedIssues, saveVersion, type WorkflowDetail } from "./repository";
import { protectSecrets } from "./secrets";

/**
 * Drafts and publishing. The editor saves a draft, which may be half-built: only the document's
 * shape is checked. Triggers and manual runs keep using the published document (`Workflow.document`,
 * `version`) until the draft is published, which checks it fully and refuses (409, each problem
 * named by node) while it has problems. A draft equal to the published document is no draft.
 */

interface DraftAnswer {
  workflow: WorkflowDetail;
  /** What must be fixed before the draft can be published, named by node; empty when it can be. */
  problems: ApiIssue[];
}

export async function saveDraft(workspaceId: string, id: string, input: unknown): Promise<DraftAnswer> {
  // Another workspace's workflow is a 404 whatever is sent, never a 400 about the body.
  const current = await getWorkflow(workspaceId, id);
  const shape = draftDocumentSchema.safeParse(input);
  if (!shape.success) throw new ApiError(400, "Invalid workflow document", namedIssues(null, shape.error.issues));
  const draft = protectSecrets(shape.data, current.draft ?? current.document);
  const unchanged = isDeepStrictEqual(draft, current.document);
  const saved = await db().workflow.update({
    where: { id },
    data: unchanged ? { draft: toJson(null), draftSavedAt: null, updatedAt: new Date(current.updatedAt) } : { draft: draft as object, draftSavedAt: new Date() },
    select: { updatedAt: true, draftSavedAt: true },
  });
  const workflow: WorkflowDetail = { ...current, draft: unchanged ? null : draft, updatedAt: saved.updatedAt.toISOString(), draftSavedAt: saved.draftSavedAt?.toISOString() ?? null };
  return { workflow, problems: (await checkForPublishing(workspaceId, id, draft)).problems };
}

/** Makes the draft the published version, with an optional message; 409 naming each problem while it has any. */
export async function publishDraft(workspaceId: string, id: string, note: { message?: string; createdBy?: string }): Promise<WorkflowDetail> {
  const current = await getWorkflow(workspaceId, id);
  if (!current.draft) throw new ApiError(409, "Nothing to publish: the workflow has no unpublished changes");
  const checked = await checkForPublishing(workspaceId, id, current.draft);
  if (!checked.document) {
    const count = checked.problems.length === 1 ? "1 problem" : `${checked.problems.length} problems`;
    throw new ApiError(409, `The draft has ${count} to fix before it can be published`, checked.problems);
  }
  await saveVersion(id, checked.document, { ...note, clearDraft: true });
  return getWorkflow(workspaceId, id);
}

export async function discardDraft(workspaceId: string, id: string): Promise<WorkflowDetail> {
  const current = await getWorkflow(workspaceId, id);
  const { count } = await db().workflow.updateMany({ where: { id, workspaceId }, data: { draft: toJson(null), draftSavedAt: null, updatedAt: new Date(current.updatedAt) } });
  if (!count) throw notFound("Workflow");
  return getWorkflow(workspaceId, id);
}

/** The draft checked in full: the runnable document it parses to, or the problems that keep it from being published. */
async function checkForPublishing(workspaceId: string, id: string, draft: WorkflowDocument): Promise<{ document: WorkflowDocument; problems: [] } | { document: null; problems: ApiIssue[] }> {
  const result = workflowDocumentSchema.safeParse(draft);
  if (!result.success) return { document: null, problems: namedIssues(draft, result.error.issues) };
  try {
    await checkReferences(workspaceId, result.data, id);
    return { document: result.data, problems: [] };
  } catch (error) {
    if (error instanceof ApiError && error.issues) return { document: null, problems: namedIssues(draft, error.issues) };
    throw error;
  }
}
