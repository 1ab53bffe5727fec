"use client";

import { useReactFlow } from "@xyflow/react";
import { useEffect, useEffectEvent, type RefObject } from "react";
import { toast } from "sonner";
import { copyText, parseClip, prepareClip, type Clip } from "@/lib/editor/clipboard";
import { GRID, NODE_HEIGHT, NODE_WIDTH } from "@/lib/editor/placement";
import type { EditorEdge, EditorNode } from "@/lib/editor/types";
import type { WorkflowDocument } from "@/lib/document/schema";
import type { WorkflowGraph } from "./use-workflow-graph";

/**
 * Copy, cut and paste of the selected nodes (with the edges between them) through the system
 * clipboard as workflow-document JSON, duplicate (Ctrl/Cmd+D) and select all (Ctrl/Cmd+A). Text
 * fields and selected page text keep the browser's own behaviour.
 */
export function useCanvasClipboard(graph: WorkflowGraph, document: WorkflowDocument, canvasRef: RefObject<HTMLDivElement | null>, enabled: boolean) {
  const { screenToFlowPosition, deleteElements } = useReactFlow<EditorNode, EditorEdge>();

  const selectedIds = () => new Set(graph.nodes.filter((n) => n.selected).map((n) => n.id));

  const insert = (clip: Clip, at: { x: number; y: number }) => {
    const prepared = prepareClip(clip, { nodeIds: graph.nodes.map((n) => n.id), edgeIds: graph.edges.map((e) => e.id) }, at);
    graph.insertClip(prepared);
  };

  /** Top-left corner for pasted nodes: the middle of the visible canvas, on the grid. */
  const pastePoint = () => {
    const rect = canvasRef.current?.getBoundingClientRect();
    const centre = screenToFlowPosition(rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 0, y: 0 });
    return { x: snap(centre.x - NODE_WIDTH / 2), y: snap(centre.y - NODE_HEIGHT / 2) };
  };

  /** Copies of the selected nodes and the connections between them, just below them, selected. */
  const duplicateSelection = () => {
    const ids = selectedIds();
    const selected = document.nodes.filter((n) => ids.has(n.id));
    if (!selected.length) return;
    const clip = parseClip(copyText(document, ids));
    const left = Math.min(...selected.map((n) => n.position.x));
    const top = Math.min(...selected.map((n) => n.position.y));
    if (clip) insert(clip, { x: left + 2 * GRID, y: top + 2 * GRID + NODE_HEIGHT });
  };

  /** The selection as workflow JSON on the system clipboard (the context menu's Copy; Ctrl+C goes through the copy event). */
  const copySelection = () => {
    const ids = selectedIds();
    if (ids.size) void navigator.clipboard?.writeText(copyText(document, ids)).then(() => toast.success(ids.size === 1 ? "Copied 1 node" : `Copied ${ids.size} nodes`));
  };

  const onCopy = useEffectEvent((event: ClipboardEvent, cut: boolean) => {
    if (ownsClipboard(event.target)) return;
    const ids = selectedIds();
    if (!ids.size) return;
    event.preventDefault();
    event.clipboardData?.setData("text/plain", copyText(document, ids));
    if (cut && enabled) void deleteElements({ nodes: [...ids].map((id) => ({ id })) });
  });

  const onPaste = useEffectEvent((event: ClipboardEvent) => {
    if (!enabled || ownsClipboard(event.target)) return;
    const text = event.clipboardData?.getData("text/plain") ?? "";
    const clip = parseClip(text);
    if (!clip) {
      if (text.trim()) toast.error("The clipboard holds no workflow nodes", { id: "paste-refused" });
      return;
    }
    event.preventDefault();
    insert(clip, pastePoint());
  });

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!(event.metaKey || event.ctrlKey) || event.shiftKey || event.altKey || ownsClipboard(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === "a") {
      event.preventDefault();
      graph.selectAll();
    } else if (key === "d" && enabled) {
      event.preventDefault();
      duplicateSelection();
    }
  });

  useEffect(() => {
    const copy = (event: ClipboardEvent) => onCopy(event, false);
    const cut = (event: ClipboardEvent) => onCopy(event, true);
    window.addEventListener("copy", copy);
    window.addEventListener("cut", cut);
    window.addEventListener("paste", onPaste);
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.removeEventListener("copy", copy);
      window.removeEventListener("cut", cut);
      window.removeEventListener("paste", onPaste);
      window.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return { duplicateSelection, copySelection };
}

/** A text field, or text selected on the page: the browser's clipboard handling applies. */
function ownsClipboard(target: EventTarget | null): boolean {
  if (target instanceof HTMLElement && (target.isContentEditable || target.matches("input, textarea, select"))) return true;
  return !!window.getSelection()?.toString();
}

function snap(value: number): number {
  return Math.round(value / GRID) * GRID;
}
