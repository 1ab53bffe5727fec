"use client";

import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import type { EditorEdge, EditorNode } from "@/lib/editor/types";

const MARGIN = 24;

/**
 * Pans a newly selected node into view when it is not (fully) visible, e.g. when the inspector
 * opening next to the canvas covers the spot where the node was just dropped.
 */
export function useSelectionInView(canvas: React.RefObject<HTMLElement | null>, selectedId: string | null) {
  const { getViewport, setViewport, getInternalNode } = useReactFlow<EditorNode, EditorEdge>();

  useEffect(() => {
    const element = canvas.current;
    if (!selectedId || !element) return;
    // After the layout change the selection causes (the inspector opening) has been applied.
    const frame = requestAnimationFrame(() => {
      const node = getInternalNode(selectedId);
      if (!node) return;
      const { x, y, zoom } = getViewport();
      const left = node.internals.positionAbsolute.x * zoom + x;
      const top = node.internals.positionAbsolute.y * zoom + y;
      const right = left + (node.measured.width ?? 0) * zoom;
      const bottom = top + (node.measured.height ?? 0) * zoom;
      const dx = right > element.clientWidth - MARGIN ? element.clientWidth - MARGIN - right : left < MARGIN ? MARGIN - left : 0;
      const dy = bottom > element.clientHeight - MARGIN ? element.clientHeight - MARGIN - bottom : top < MARGIN ? MARGIN - top : 0;
      if (dx || dy) void setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 250 });
    });
    return () => cancelAnimationFrame(frame);
  }, [canvas, selectedId, getInternalNode, getViewport, setViewport]);
}
