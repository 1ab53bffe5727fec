import { formatDuration, parseDuration } from "@/lib/document/duration";
import type { WorkflowNode, WorkflowSettings } from "@/lib/document/schema";

export type NodeSettings = NonNullable<WorkflowNode["settings"]>;

/** `settings` with `key` set to `value`, or removed when `value` is undefined; every other setting is kept. */
export function withSetting<S extends object, K extends keyof S>(settings: S | undefined, key: K, value: S[K] | undefined): S {
  const next = { ...settings } as S;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** Node settings as saved: no empty retry policy, no unset keys, nothing at all when nothing is set. */
export function compactNodeSettings(settings: WorkflowNode["settings"]): NodeSettings | undefined {
  if (!settings) return undefined;
  const compact: NodeSettings = definedEntries(settings);
  if (compact.retry) {
    const retry = definedEntries(compact.retry);
    if (Object.keys(retry).length) compact.retry = retry;
    else delete compact.retry;
  }
  return Object.keys(compact).length ? compact : undefined;
}

/** Workflow settings as saved: the strict schema refuses nothing extra, and empty settings are left out. */
export function compactWorkflowSettings(settings: WorkflowSettings | undefined): WorkflowSettings | undefined {
  if (!settings) return undefined;
  const compact = definedEntries(settings);
  return Object.keys(compact).length ? compact : undefined;
}

function definedEntries<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Milliseconds from what a person types: a plain number of ms ("1500") or a duration ("1.5s", "2m 30s"); null when neither. */
export function parseMilliseconds(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return parseDuration(trimmed);
}

/** How an amount of milliseconds is shown for editing: as a duration when that reads back exactly. */
export function millisecondsText(ms: number): string {
  const duration = formatDuration(ms);
  return parseDuration(duration) === ms ? duration : `${ms}ms`;
}
