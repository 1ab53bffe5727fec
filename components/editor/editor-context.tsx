"use client";

import { createContext, useContext } from "react";
import { NO_ISSUES, type EditorIssues, type NodeIssue } from "@/lib/editor/issues";

interface EditorContextValue {
  issues: EditorIssues;
  deleteEdge: (id: string) => void;
}

/** What canvas nodes and edges need beyond their own props: the current issues and edge deletion. */
export const EditorContext = createContext<EditorContextValue>({ issues: NO_ISSUES, deleteEdge: () => {} });

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
