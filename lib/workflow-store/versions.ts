import { ApiError, notFound } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import type { WorkflowDocument } from "@/lib/document/schema";
import { saveDraft } from "./drafts";
import { getWorkflow } from "./repository";

/**
 * The published versions of a workflow (one `WorkflowVersion` row per publish, never changed), and
 * restoring one: its document becomes the draft. Restoring never publishes; that stays the user's step.
 */

export interface VersionSummary {
  version: number;
  /** What changed, in the publisher's words; null when none was given. */
  message: string | null;
  /** Who published it (a user's e-mail or `api-key:<name>`); null for versions from before publishing. */
  createdBy: string | null;
  createdAt: string;
  nodeCount: number;
}

/** Version numbers are stored as 32-bit integers: a larger number names no version (and must not reach the database). */
const MAX_VERSION = 2_147_483_647;

/** A version number from the path, or a 400 naming `version`. */
export function parseVersion(text: string): number {
  const number = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(number) || number < 1 || number > MAX_VERSION) throw new ApiError(400, "Invalid version", [{ path: "version", message: "A version is a whole number from 1" }]);
  return number;
}

/** Newest first; 404 when the workflow is not in the workspace. */
export async function listVersions(workspaceId: string, id: string): Promise<VersionSummary[]> {
  const workflow = await db().workflow.findFirst({ where: { id, workspaceId }, select: { id: true } });
  if (!workflow) throw notFound("Workflow");
  const rows = await db().workflowVersion.findMany({ where: { workflowId: id }, orderBy: { version: "desc" } });
  return rows.map((row) => ({
    version: row.version,
    message: row.message,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    nodeCount: (row.document as unknown as WorkflowDocument).nodes?.length ?? 0,
  }));
}

/**
 * Makes a version's document the draft (`{ workflow, problems }` as saving a draft answers). The
 * stored document holds its secrets encrypted, which saving a draft keeps as they are. The workflow
 * keeps its current name: a rename is not an edit of the document (PATCH renames the draft too).
 */
export async function restoreVersion(workspaceId: string, id: string, version: number) {
  const row = await db().workflowVersion.findFirst({ where: { workflowId: id, version, workflow: { workspaceId } }, select: { document: true } });
  if (!row) throw notFound("Workflow version");
  const current = await getWorkflow(workspaceId, id);
  const document = row.document as unknown as WorkflowDocument;
  return saveDraft(workspaceId, id, { ...document, name: (current.draft ?? current.document).name });
}
