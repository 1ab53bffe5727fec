"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useSyncExternalStore } from "react";
import type { WorkflowDetail } from "@/lib/client/types";
import { EditorLoadError } from "./editor-load-error";
import { EditorSkeleton } from "./editor-skeleton";
import { WorkflowEditor } from "./workflow-editor";
import { useWorkflowQuery } from "./workflow-query";

const noSubscription = () => () => {};

/**
 * `initial`: the workflow read by the server with the page, so the canvas is drawn right after
 * hydration instead of after a fetch. The editor itself renders in the browser only (the server
 * sends the skeleton): the canvas measures its nodes, and the palette reads local storage.
 */
export function WorkflowEditorPage({ id, initial }: { id: string; initial: WorkflowDetail | null }) {
  const query = useWorkflowQuery(id, initial ?? undefined);
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  // Data first: a failed background refetch must never replace an editor holding unsaved work.
  if (query.data && inBrowser) {
    return (
      <ReactFlowProvider>
        <WorkflowEditor key={id} initial={query.data} />
      </ReactFlowProvider>
    );
  }
  if (query.isError) return <EditorLoadError error={query.error} onRetry={() => void query.refetch()} />;
  return <EditorSkeleton />;
}
