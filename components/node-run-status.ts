"use client";

import { createContext, useContext } from "react";

/** A node's step in one run, for the run's canvas view. */
export interface NodeRunState {
  /** The step's status, or "not-run" when the run never reached the node. */
  status: string;
  attempts: number;
  /** Taken over from the replayed run. */
  reused: boolean;
}

/**
 * Present on a run's canvas (read-only): canvas nodes then show their step's status in that run
 * instead of editing affordances. Absent in the editor.
 */
export const NodeRunStatusContext = createContext<ReadonlyMap<string, NodeRunState> | null>(null);

const NOT_RUN: NodeRunState = { status: "not-run", attempts: 0, reused: false };

/** The node's state in the run being shown, or null in the editor. */
export function useNodeRunState(nodeId: string): NodeRunState | null {
  const states = useContext(NodeRunStatusContext);
  return states ? (states.get(nodeId) ?? NOT_RUN) : null;
}
