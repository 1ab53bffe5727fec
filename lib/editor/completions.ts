import type { ExpressionScope } from "@/lib/document/expressions";

export interface Completion {
  /** The full reference inserted, e.g. "steps.fetch.body". */
  value: string;
  /** The last segment, shown in the list. */
  label: string;
  /** What kind of value it is: "text", "number", "list (3)", "object"... */
  detail: string;
}

/**
 * The reference being typed at the caret: where it starts and what is typed so far. In a template
 * only inside `{{ }}`; in a raw JSONata field (`raw`) anywhere.
 */
export function referenceAt(text: string, caret: number, raw = false): { start: number; typed: string } | null {
  const before = text.slice(0, caret);
  const open = raw ? -2 : before.lastIndexOf("{{");
  if (open === -1 || (!raw && before.indexOf("}}", open) !== -1)) return null;
  const match = /[A-Za-z_$][\w$]*(?:\.[\w$]*)*$|(?<=[\s({[,+\-*/&=<>!?:]|^)$/.exec(before.slice(open + 2));
  if (!match) return null;
  return { start: open + 2 + match.index, typed: match[0] };
}

/** Declared example outputs (lib/nodes' `outputExample`, imported operations' response schemas) by step id, and the trigger's. */
export interface OutputShapes {
  steps: Record<string, unknown>;
  trigger?: unknown;
}

/**
 * What can follow the typed reference, from example data (the last run's or pinned): at the top
 * `trigger`, `input`, `steps`, `run`; then the fields of the value reached so far (a list offers the
 * fields of its first item, as JSONata maps paths over lists). `shapes` are declared example
 * outputs, for the trigger and steps the example data does not have.
 */
export function completionsFor(typed: string, scope: ExpressionScope, shapes: OutputShapes = { steps: {} }, limit = 50): Completion[] {
  const segments = typed.split(".");
  const partial = segments.pop() ?? "";
  const roots: Record<string, unknown> = { trigger: scope.trigger ?? shapes.trigger, input: scope.input, steps: { ...shapes.steps, ...scope.steps }, run: scope.run, ...(scope.loop ? { loop: scope.loop } : {}) };
  let value: unknown = roots;
  for (const segment of segments) {
    value = fieldsOf(value)?.[segment];
    if (value === undefined) return [];
  }
  const fields = fieldsOf(value);
  if (!fields) return [];
  const prefix = segments.length ? `${segments.join(".")}.` : "";
  const needle = partial.toLowerCase();
  return Object.entries(fields)
    .filter(([key]) => /^[A-Za-z_$][\w$]*$/.test(key) && key.toLowerCase().startsWith(needle) && key !== partial)
    .slice(0, limit)
    .map(([key, v]) => ({ value: `${prefix}${key}`, label: key, detail: describeValue(v) }));
}

function fieldsOf(value: unknown): Record<string, unknown> | null {
  const target: unknown = Array.isArray(value) ? value[0] : value;
  return target && typeof target === "object" && !Array.isArray(target) ? (target as Record<string, unknown>) : null;
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return `list (${value.length})`;
  if (typeof value === "object") return "object";
  if (typeof value === "string") return "text";
  return typeof value;
}
