"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { toast } from "sonner";
import { documentFingerprint, documentToFlow, flowToDocument, notesToFlow, structureFingerprint } from "@/lib/editor/convert";
import { mapIssues, mergeIssues, validateDocument, type EditorIssues } from "@/lib/editor/issues";
import { api, ApiRequestError, describeError } from "@/lib/client/api";
import type { DraftAnswer, WorkflowDetail } from "@/lib/client/types";
import type { WorkflowDocument } from "@/lib/document/schema";
import type { EditorNode } from "@/lib/editor/types";
import { workflowQueryKey } from "./workflow-query";
import type { WorkflowGraph } from "./use-workflow-graph";

/**
 * The document the canvas shows, whether it differs from the saved draft, what is wrong with it
 * (checked live, plus the server's answer to the last save), saving it as the draft and publishing it.
 */
export function useWorkflowDocument(workflowId: string, graph: WorkflowGraph) {
  const queryClient = useQueryClient();
  // While a node is dragged, the document stays the one from before the drag and is rebuilt once
  // it is dropped: converting, fingerprinting and comparing thousands of nodes every frame drops frames.
  // Likewise when only what the document leaves out changed (React Flow measuring nodes as they
  // appear, a selection): rebuilding and fingerprinting it then would give the same document.
  const [nodes, setNodes] = useState(graph.nodes);
  if (nodes !== graph.nodes && !graph.nodes.some((n) => n.dragging) && !sameDocumentNodes(nodes, graph.nodes)) setNodes(graph.nodes);
  const document = useMemo(
    () => flowToDocument({ name: graph.name, settings: graph.settings, pinData: graph.pinData }, nodes, graph.edges, graph.notes),
    [graph.name, graph.settings, graph.pinData, nodes, graph.edges, graph.notes],
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
    mutationFn: (doc: WorkflowDocument) => api<DraftAnswer>(`/api/workflows/${encodeURIComponent(workflowId)}/draft`, { method: "PUT", body: doc }),
  });
  const { mutateAsync } = mutation;
  const [publishing, setPublishing] = useState(false);

  const stored = useCallback(
    (detail: WorkflowDetail) => {
      queryClient.setQueryData(workflowQueryKey(workflowId), detail);
      void queryClient.invalidateQueries({ queryKey: ["workflows"] });
    },
    [queryClient, workflowId],
  );

  /** Saves the document as it is now as the draft (problems and all); resolves to the saved workflow, or null when saving failed. */
  const save = useCallback(async (announce = true): Promise<WorkflowDetail | null> => {
    const sent = { document, fingerprint, structure };
    try {
      const { workflow, problems } = await mutateAsync(sent.document);
      stored(workflow);
      setSavedFingerprint(sent.fingerprint);
      setServerIssues(null);
      if (!workflow.draft) toast.success("Saved: no changes from the published version");
      else if (announce) toast.success("Draft saved", { description: problems.length ? `${countOf(problems.length)} to fix before publishing` : "Publish it to make triggers and runs use it." });
      return workflow;
    } catch (error) {
      toast.error(describeError(error));
      if (error instanceof ApiRequestError && error.issues.length) setServerIssues({ structure: sent.structure, issues: mapIssues(sent.document, error.issues) });
      return null;
    }
  }, [document, fingerprint, structure, mutateAsync, stored]);

  /** Saves and publishes the draft as the next version; a refusal (409) comes back as the problems it names. */
  const publish = useCallback(
    async (message?: string): Promise<PublishOutcome> => {
      setPublishing(true);
      try {
        if (fingerprint !== savedFingerprint) {
          const saved = await save(false);
          if (!saved) return { published: false, problems: [] };
          // Saved back to exactly the published version: there is nothing left to publish.
          if (!saved.draft) return { published: true };
        }
        const detail = await api<WorkflowDetail>(`/api/workflows/${encodeURIComponent(workflowId)}/publish`, { method: "POST", body: message ? { message } : {} });
        stored(detail);
        toast.success(`Published v${detail.version}`, { description: "Triggers and new runs use this version." });
        return { published: true };
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 409 && error.issues.length) return { published: false, refusal: error.message, problems: error.issues };
        toast.error(describeError(error));
        return { published: false, problems: [] };
      } finally {
        setPublishing(false);
      }
    },
    [fingerprint, savedFingerprint, save, workflowId, stored],
  );

  const { replaceDocument } = graph;
  /** The server changed the draft (a version was restored): the canvas shows it, as saved. One undo step, like any change. */
  const adopt = useCallback(
    (restored: WorkflowDocument) => {
      const flow = documentToFlow(restored);
      setSavedFingerprint(
        documentFingerprint(flowToDocument({ name: restored.name, settings: restored.settings, pinData: restored.pinData }, flow.nodes, flow.edges, notesToFlow(restored.notes))),
      );
      setServerIssues(null);
      replaceDocument(restored);
    },
    [replaceDocument],
  );

  return { document, fingerprint, dirty: fingerprint !== savedFingerprint, saving: mutation.isPending, publishing, issues, save, publish, adopt };
}

export type PublishOutcome = { published: true } | { published: false; refusal?: string; problems: { path: string; message: string }[] };

/** Whether both lists give the same document nodes (flowToDocument reads ids, data and positions). */
function sameDocumentNodes(a: readonly EditorNode[], b: readonly EditorNode[]): boolean {
  return a.length === b.length && a.every((n, i) => n.id === b[i].id && n.data === b[i].data && n.position.x === b[i].position.x && n.position.y === b[i].position.y);
}

function countOf(problems: number): string {
  return problems === 1 ? "1 problem" : `${problems} problems`;
}
