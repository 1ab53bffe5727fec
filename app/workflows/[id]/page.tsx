import type { Metadata } from "next";
import { WorkflowEditorPage } from "@/components/editor/workflow-editor-page";

export const metadata: Metadata = { title: "Editor" };

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <WorkflowEditorPage id={id} />;
}
