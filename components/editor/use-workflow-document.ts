"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { toast } from "sonner";
import { documentFingerprint, flowToDocument, structureFingerprint } from "@/lib/editor/convert";
import { mapIssues, mergeIssues, validateDocument, type EditorIssues } from "@/lib/editor/issues";
import { api, ApiRequestError, describeError } from "@/lib/client/api";
import type { WorkflowDetail } from "@/lib/client/types";
import type { WorkflowDocument } from "@/lib/document/schema";
import { workflowQueryKey } from "./workflow-query";
import type { WorkflowGraph } from "./use-workflow-graph";

/**
 * The document the canvas shows, whether it differs from the saved one, what is wrong with it
 * (checked live, plus the server's answer to the last save) and saving it.
 */
export function useWorkflowDocument(workflowId: string, graph: WorkflowGraph) {
  const queryClient = useQueryClient();
  // While a node is dragged, the document stays the one from before the drag and is rebuilt once
  // it is dropped: converting, fingerprinting and comparing thousands of nodes every frame drops frames.
  const [nodes, setNodes] = useState(graph.nodes);
  if (nodes !== graph.nodes && !graph.nodes.some((n) => n.dragging)) setNodes(graph.nodes);
  const document = useMemo(
    () => flowToDocument({ name: graph.name, settings: graph.settings, pinData: graph.pinData }, nodes, graph.edges),
    [graph.name, graph.settings, graph.pinData, nodes, graph.edges],
  );
  const fingerprint = useMemo(() => documentFingerprint(document), [document]);
  const structure = useMemo(() => structureFingerprint(document), [document]);
  const [savedFingerprint, setSavedFingerprint] = useState(fingerprint);
  const [serverIssues, setServerIssues] = useState<{ structure: string; issues: EditorIssues } | null>(null);

  // Keyed on the structure, not the document: dragging a node must not re-validate every frame.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `structure` is the part of `document` validation reads
  const liveIssues = useMemo(() => validateDocument(document), [structure]);
  // The server's issues describe the document as sent; once it changes, the live check speaks for it.
  const issues = useMemo(
    () => (serverIssues?.structure === structure ? mergeIssues(liveIssues, serverIssues.issues) : liveIssues),
    [liveIssues, serverIssues, structure],
  );

  const mutation = useMutation({
    mutationFn: (doc: WorkflowDocument) => api<WorkflowDetail>(`/api/workflows/${encodeURIComponent(workflowId)}`, { method: "PUT", body: doc }),
  });
  const { mutateAsync } = mutation;

  /** Saves the document as it is now; resolves to whether it was saved. */
  const save = useCallback(async (): Promise<boolean> => {
    const sent = { document, fingerprint, structure };
    try {
      const detail = await mutateAsync(sent.document);
      queryClient.setQueryData(workflowQueryKey(workflowId), detail);
      void queryClient.invalidateQueries({ queryKey: ["workflows"] });
      setSavedFingerprint(sent.fingerprint);
      setServerIssues(null);
      toast.success("Saved");
      return true;
    } catch (error) {
      toast.error(describeError(error));
      if (error instanceof ApiRequestError && error.issues.length) setServerIssues({ structure: sent.structure, issues: mapIssues(sent.document, error.issues) });
      return false;
    }
  }, [document, fingerprint, structure, mutateAsync, queryClient, workflowId]);

  return { document, dirty: fingerprint !== savedFingerprint, saving: mutation.isPending, issues, save };
}
