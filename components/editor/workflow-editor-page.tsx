"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { EditorLoadError } from "./editor-load-error";
import { EditorSkeleton } from "./editor-skeleton";
import { WorkflowEditor } from "./workflow-editor";
import { useWorkflowQuery } from "./workflow-query";

export function WorkflowEditorPage({ id }: { id: string }) {
  const query = useWorkflowQuery(id);
  // Data first: a failed background refetch must never replace an editor holding unsaved work.
  if (query.data) {
    return (
      <ReactFlowProvider>
        <WorkflowEditor key={id} initial={query.data} />
      </ReactFlowProvider>
    );
  }
  if (query.isError) return <EditorLoadError error={query.error} onRetry={() => void query.refetch()} />;
  return <EditorSkeleton />;
}
