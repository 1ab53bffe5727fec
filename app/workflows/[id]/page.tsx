import type { Metadata } from "next";
import { WorkflowEditorPage } from "@/components/editor/workflow-editor-page";
import { ApiError } from "@/lib/api/http";
import { pageAccess } from "@/lib/auth/page-access";
import type { WorkflowDetail } from "@/lib/client/types";
import { presentWorkflow } from "@/lib/workflow-store/present";
import { getWorkflow } from "@/lib/workflow-store/repository";

export const metadata: Metadata = { title: "Editor" };

/** The workflow as GET /api/workflows/:id answers it, sent with the page so the canvas needs no fetch after hydration; null leaves the fetch (and its errors) to the client. */
async function initialWorkflow(id: string): Promise<WorkflowDetail | null> {
  const signedIn = await pageAccess();
  if (!signedIn) return null;
  try {
    const view = presentWorkflow(signedIn.request, await getWorkflow(signedIn.access.workspaceId, id), signedIn.access.role);
    return JSON.parse(JSON.stringify(view)) as WorkflowDetail;
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <WorkflowEditorPage id={id} initial={await initialWorkflow(id)} />;
}
