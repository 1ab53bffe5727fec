"use client";

import { useStore, useUpdateNodeInternals, type Edge } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { canvasHandles, sameOutputs } from "@/lib/editor/outputs";
import type { EditorNodeData } from "@/lib/editor/types";
import { nodeOutputs } from "@/lib/document/outputs";

/** Source node id → the output handles its connections leave from, one string per edge list. */
const usedHandlesByEdges = new WeakMap<readonly Edge[], Map<string, string>>();

/**
 * The handles each node's connections use, as one "\n"-joined string per node. Computed once per
 * edge list (React Flow keeps the array while edges do not change), so every node's store selector
 * is a map lookup instead of a scan of all edges on every store update (a pan, a drag frame).
 */
function usedHandles(edges: readonly Edge[]): Map<string, string> {
  let bySource = usedHandlesByEdges.get(edges);
  if (!bySource) {
    bySource = new Map();
    for (const e of edges) {
      if (!e.sourceHandle) continue;
      const before = bySource.get(e.source);
      bySource.set(e.source, before === undefined ? e.sourceHandle : `${before}\n${e.sourceHandle}`);
    }
    usedHandlesByEdges.set(edges, bySource);
  }
  return bySource;
}

/**
 * The output handles of a canvas node. While its config is invalid (a switch case being typed)
 * the node has no known outputs, so the last valid ones stay on screen instead of every handle
 * flickering away; handles its connections use but it no longer has are added, marked missing.
 */
export function useNodeHandles(nodeId: string, data: EditorNodeData) {
  const outputs = useMemo(() => nodeOutputs(data), [data]);
  const [lastValid, setLastValid] = useState(outputs);
  if (outputs.length && !sameOutputs(outputs, lastValid)) setLastValid(outputs);
  // A string, so the node re-renders only when its own connections' handles change.
  const used = useStore((state) => usedHandles(state.edges).get(nodeId) ?? "");
  const handles = useMemo(() => canvasHandles(outputs.length ? outputs : lastValid, used ? used.split("\n") : []), [outputs, lastValid, used]);

  // React Flow measures handles when a node's size changes; a renamed handle keeps the size, so
  // it is measured here, or connections leaving from it could not be drawn. Not on mount: React
  // Flow measures new nodes itself, and forcing it for each of thousands of nodes slows opening.
  const updateNodeInternals = useUpdateNodeInternals();
  const handleIds = handles.map((h) => h.id).join("\n");
  const measured = useRef(handleIds);
  useEffect(() => {
    if (measured.current === handleIds) return;
    measured.current = handleIds;
    updateNodeInternals(nodeId);
  }, [nodeId, handleIds, updateNodeInternals]);
  return handles;
}
