"use client";

import { useStore, useUpdateNodeInternals } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { canvasHandles, sameOutputs } from "@/lib/editor/outputs";
import type { EditorNodeData } from "@/lib/editor/types";
import { nodeOutputs } from "@/lib/document/outputs";

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
  const used = useStore((state) =>
    state.edges
      .filter((e) => e.source === nodeId && e.sourceHandle)
      .map((e) => e.sourceHandle)
      .join("\n"),
  );
  const handles = useMemo(() => canvasHandles(outputs.length ? outputs : lastValid, used ? used.split("\n") : []), [outputs, lastValid, used]);

  // React Flow measures handles when a node's size changes; a renamed handle keeps the size, so
  // it is measured here, or connections leaving from it could not be drawn.
  const updateNodeInternals = useUpdateNodeInternals();
  const handleIds = handles.map((h) => h.id).join("\n");
  useEffect(() => updateNodeInternals(nodeId), [nodeId, handleIds, updateNodeInternals]);
  return handles;
}
