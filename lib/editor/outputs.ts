import type { OutputHandle } from "@/lib/nodes";
import { ERROR_OUTPUT } from "@/lib/document/outputs";

/** An output handle as the canvas draws it; `missing` marks one that connections still leave from but the node no longer has. */
export interface CanvasHandle extends OutputHandle {
  missing?: boolean;
  /** The node's `error` output (onError "branch"). */
  error?: boolean;
}

/**
 * The handles to draw on a node: its outputs, then one per handle its connections use that is
 * not among them, so such a connection stays visible (and flagged) instead of vanishing.
 */
export function canvasHandles(outputs: readonly OutputHandle[], usedHandles: readonly string[]): CanvasHandle[] {
  const ids = new Set(outputs.map((o) => o.id));
  const handles: CanvasHandle[] = outputs.map((o) => (o.id === ERROR_OUTPUT.id ? { ...o, error: true } : o));
  for (const id of new Set(usedHandles)) if (!ids.has(id)) handles.push({ id, label: id, missing: true });
  return handles;
}

/**
 * Outputs that were renamed between two versions of a node's outputs: same count, and at a
 * position where the old id is gone and the new id is new. Reordering, adding or removing
 * outputs renames nothing.
 */
export function renamedOutputs(before: readonly OutputHandle[], after: readonly OutputHandle[]): Map<string, string> {
  const renames = new Map<string, string>();
  if (before.length !== after.length) return renames;
  const oldIds = new Set(before.map((o) => o.id));
  const newIds = new Set(after.map((o) => o.id));
  before.forEach((output, i) => {
    const next = after[i].id;
    if (output.id !== next && !newIds.has(output.id) && !oldIds.has(next)) renames.set(output.id, next);
  });
  return renames;
}

export function sameOutputs(a: readonly OutputHandle[], b: readonly OutputHandle[]): boolean {
  return a.length === b.length && a.every((o, i) => o.id === b[i].id && o.label === b[i].label);
}
