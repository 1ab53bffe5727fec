import type { Edge, Node } from "@xyflow/react";
import type { StickyNote, WorkflowNode } from "@/lib/document/schema";

/** What a canvas node carries: everything of a document node except its id and position. */
export type EditorNodeData = {
  type: string;
  typeVersion?: number;
  config: Record<string, unknown>;
  settings?: WorkflowNode["settings"];
  name?: string;
  disabled?: boolean;
};

export type EditorNode = Node<EditorNodeData, "workflow">;
export type EditorEdge = Edge<Record<string, never>, "workflow">;

export const NODE_TYPE = "workflow" as const;
export const EDGE_TYPE = "workflow" as const;

/** A sticky note on the canvas: its text and colour (size and position are the node's own). */
export type NoteNodeData = Pick<StickyNote, "text" | "color">;
export type NoteNode = Node<NoteNodeData, "note">;
export const NOTE_TYPE = "note" as const;
