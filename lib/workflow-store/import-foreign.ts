import type { ApiIssue } from "@/lib/api/http";
import { workflowDocumentSchema, type WorkflowDocument } from "@/lib/document/schema";
import { triggerNodeOf } from "@/lib/document/trigger";
import { saveDraft } from "./drafts";
import type { ImportReport } from "./foreign";
import { createWorkflow } from "./repository";

/**
 * Stores a workflow converted from another tool, switched off. When the conversion is complete and
 * valid it is version 1; otherwise version 1 holds only its trigger and the whole conversion is the
 * draft, so nothing converted is lost and the editor lists by node what to fix before publishing.
 */
export async function storeConvertedWorkflow(workspaceId: string, document: WorkflowDocument, report: ImportReport): Promise<{ id: string; report: ImportReport; problems: ApiIssue[] }> {
  if (workflowDocumentSchema.safeParse(document).success) {
    const created = await createWorkflow(workspaceId, document, { active: false });
    return { id: created.id, report, problems: [] };
  }
  const created = await createWorkflow(workspaceId, triggerOnly(document), { active: false });
  const { problems } = await saveDraft(workspaceId, created.id, document);
  return { id: created.id, report, problems };
}

/** The document's trigger alone (or a manual trigger when it has none that is valid): always publishable. */
function triggerOnly(document: WorkflowDocument): WorkflowDocument {
  const trigger = triggerNodeOf(document);
  const alone: WorkflowDocument = { version: document.version, name: document.name, nodes: trigger ? [trigger] : [], edges: [] };
  if (trigger && workflowDocumentSchema.safeParse(alone).success) return alone;
  return { ...alone, nodes: [{ id: "trigger", type: "trigger.manual", position: { x: 80, y: 160 }, config: { samplePayload: {} } }] };
}
