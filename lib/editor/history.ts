import type { WorkflowDocument } from "@/lib/document/schema";

/**
 * The editor's document history: snapshots of the whole document, so every edit (canvas or
 * inspector) undoes the same way. Pure and immutable; the editor keeps one in state.
 *
 * A change is recorded against the snapshot before it. Changes with the same group key that follow
 * each other within GROUP_WINDOW_MS (a typing burst in one field) merge into one step.
 */
export const HISTORY_LIMIT = 200;
export const GROUP_WINDOW_MS = 1000;

export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** Group key and time of the last recorded change, to merge a burst into it. */
  last: { key: string; at: number } | null;
}

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], last: null };
}

/**
 * Records `next` as the new present. With a `groupKey` equal to the last change's and within the
 * window, the step merges into the previous one (undo goes back to before the burst).
 */
export function record<T>(history: History<T>, next: T, now: number, groupKey?: string, limit = HISTORY_LIMIT): History<T> {
  const last = groupKey ? { key: groupKey, at: now } : null;
  const merge = groupKey !== undefined && history.last?.key === groupKey && now - history.last.at <= GROUP_WINDOW_MS && history.past.length > 0;
  if (merge) return { past: history.past, present: next, future: [], last };
  const past = [...history.past, history.present];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [], last };
}

export function undo<T>(history: History<T>): History<T> {
  if (!history.past.length) return history;
  return { past: history.past.slice(0, -1), present: history.past[history.past.length - 1], future: [history.present, ...history.future], last: null };
}

export function redo<T>(history: History<T>): History<T> {
  if (!history.future.length) return history;
  return { past: [...history.past, history.present], present: history.future[0], future: history.future.slice(1), last: null };
}

/**
 * What a change edited, when it is one field-like thing a typing burst keeps changing: one node's
 * config, name or settings, the workflow name, or the workflow settings. Anything structural
 * (nodes or edges added, removed, moved) is its own step: undefined.
 */
export function changeGroupKey(before: WorkflowDocument, after: WorkflowDocument): string | undefined {
  if (before.nodes.length !== after.nodes.length || before.edges.length !== after.edges.length) return undefined;
  if (before.edges.some((edge, i) => !sameJson(edge, after.edges[i]))) return undefined;
  let changedNode: string | undefined;
  for (let i = 0; i < before.nodes.length; i++) {
    const a = before.nodes[i];
    const b = after.nodes[i];
    if (a.id !== b.id || a.type !== b.type || a.position.x !== b.position.x || a.position.y !== b.position.y) return undefined;
    if (sameJson(a, b)) continue;
    if (changedNode) return undefined;
    changedNode = a.id;
  }
  const nameChanged = before.name !== after.name;
  const settingsChanged = !sameJson(before.settings, after.settings) || !sameJson(before.pinData, after.pinData);
  const parts = [changedNode && `node:${changedNode}`, nameChanged && "name", settingsChanged && "settings"].filter(Boolean);
  return parts.length === 1 ? String(parts[0]) : undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
