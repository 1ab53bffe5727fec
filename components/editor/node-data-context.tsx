"use client";

import { createContext, useContext } from "react";
import type { ExpressionScope } from "@/lib/document/expressions";
import type { OutputShapes } from "@/lib/editor/completions";

/** Example data around the node being edited (pinned or from the last run), for expression previews and autocomplete. */
export interface NodeDataValue {
  scope: ExpressionScope;
  /** Where the data comes from, for the preview's caption; null when nothing is known yet. */
  source: string | null;
  /** Declared example outputs (an app action's documented answer, an imported operation's response schema) for a trigger and steps with no data yet: autocomplete only, never previews. */
  shapes?: OutputShapes;
}

export const NodeDataContext = createContext<NodeDataValue | null>(null);

export function useNodeData(): NodeDataValue | null {
  return useContext(NodeDataContext);
}

/** The drag data type of a field dragged from the input panel: the expression text to insert. */
export const EXPRESSION_DRAG_TYPE = "application/x-switchboard-expression";
