"use client";

import { useSyncExternalStore } from "react";

/**
 * The outputs a "Test this node" took (an If's "true", a Switch's matching cases), by node id, for
 * the canvas to mark while the node's data panel shows that test's result. A small store of its
 * own: the panel and the canvas nodes are far apart, and only nodes whose entry changes re-render.
 */
const branches = new Map<string, readonly string[]>();
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Marks the outputs a test of the node took; the returned function takes the mark away again. */
export function showTestedBranch(nodeId: string, branch: readonly string[]): () => void {
  branches.set(nodeId, branch);
  notify();
  return () => {
    if (branches.get(nodeId) !== branch) return;
    branches.delete(nodeId);
    notify();
  };
}

/** The outputs the last test of the node took, while its result is shown; null otherwise. */
export function useTestedBranch(nodeId: string): readonly string[] | null {
  return useSyncExternalStore(
    subscribe,
    () => branches.get(nodeId) ?? null,
    () => null,
  );
}

/** A test result's branch (one output or several) as a list; empty when the node does not branch. */
export function branchList(branch: string | string[] | null | undefined): string[] {
  if (!branch) return [];
  return Array.isArray(branch) ? branch : [branch];
}
