"use client";

import { createContext, useContext } from "react";
import type { InsertTarget } from "@/lib/editor/insert";
import { NO_ISSUES, type EditorIssues, type NodeIssue } from "@/lib/editor/issues";
import type { NoteNodeData } from "@/lib/editor/types";

interface EditorContextValue {
  issues: EditorIssues;
  deleteEdge: (id: string) => void;
  /** Node id → the split whose loop it runs in (lib/document/loops.ts). */
  loopOwner: ReadonlyMap<string, string>;
  /** Node id → the name of the AI agent that uses it as a tool (lib/document/agent-tools.ts). */
  agentOfTool: ReadonlyMap<string, string>;
  /** Opens the node creator to add a node connected there ("+" on an output or a connection); absent where the canvas is read-only. */
  openCreator?: (target: InsertTarget) => void;
  /** Edits a sticky note; absent where the canvas is read-only. */
  updateNote?: (id: string, data: Partial<NoteNodeData>) => void;
}

/** What canvas nodes and edges need beyond their own props: the current issues, edge deletion and loops. */
export const EditorContext = createContext<EditorContextValue>({ issues: NO_ISSUES, deleteEdge: () => {}, loopOwner: new Map(), agentOfTool: new Map() });

const NONE: never[] = [];

export function useNodeIssues(nodeId: string): NodeIssue[] {
  return useContext(EditorContext).issues.byNode.get(nodeId) ?? NONE;
}

export function useEdgeIssues(edgeId: string): string[] {
  return useContext(EditorContext).issues.byEdge.get(edgeId) ?? NONE;
}

export function useDeleteEdge() {
  return useContext(EditorContext).deleteEdge;
}

/** The split node whose loop runs this node once per item, if any. */
export function useLoopOwner(nodeId: string): string | undefined {
  return useContext(EditorContext).loopOwner.get(nodeId);
}

/** The AI agent that calls this node as a tool, if any. */
export function useToolOf(nodeId: string): string | undefined {
  return useContext(EditorContext).agentOfTool.get(nodeId);
}

/** The "+" action of outputs and connections, or undefined where nodes cannot be added. */
export function useOpenCreator(): ((target: InsertTarget) => void) | undefined {
  return useContext(EditorContext).openCreator;
}
