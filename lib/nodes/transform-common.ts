import { compile, ExpressionError, type ExpressionScope } from "@/lib/document/expressions";
import { NodeError } from "./errors";

/**
 * Helpers shared by the transform nodes: dotted field paths and JSONata evaluated against one
 * item. Browser-safe (node files import it).
 */

export type PathSegment = string;

/** "customer.address.city", "items[0].name" and "items.0.name" → segments; "" → []. */
export function parsePath(path: string): PathSegment[] {
  const trimmed = path.trim();
  if (!trimmed) return [];
  return trimmed
    .replace(/\[(\d+|\*)\]/g, ".$1")
    .split(".")
    .map((s) => s.trim());
}

/** A syntax check for config paths: no empty segments such as "a..b" or a trailing dot. */
export function isValidPath(path: string): boolean {
  const trimmed = path.trim();
  if (!trimmed || trimmed.includes("{{")) return true;
  return !trimmed.replace(/\[(\d+|\*)\]/g, ".$1").split(".").some((s) => s.trim() === "");
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

function index(segment: string): number | undefined {
  return /^\d+$/.test(segment) ? Number(segment) : undefined;
}

export function getPath(value: unknown, path: PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) {
      const i = index(segment);
      current = i === undefined ? undefined : current[i];
    } else if (isContainer(current)) {
      current = Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

export function hasPath(value: unknown, path: PathSegment[]): boolean {
  if (!path.length) return true;
  const parent = getPath(value, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = index(last);
    return i !== undefined && i < parent.length;
  }
  return isContainer(parent) && Object.hasOwn(parent, last);
}

/** Sets a value in place, creating objects along the way; a non-object in the way is replaced. */
export function setPath(root: Record<string, unknown> | unknown[], path: PathSegment[], value: unknown): void {
  let current: Record<string, unknown> | unknown[] = root;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    if (Array.isArray(current)) {
      const at = index(segment);
      if (at === undefined) throw new NodeError(`"${path.join(".")}": "${segment}" is not a position in a list (use a number)`, { retriable: false });
      if (last) current[at] = value;
      else {
        if (!isContainer(current[at])) current[at] = {};
        current = current[at] as Record<string, unknown>;
      }
    } else {
      if (isUnsafeKey(segment)) throw new NodeError(`"${segment}" cannot be used as a field name`, { retriable: false });
      if (last) current[segment] = value;
      else {
        if (!isContainer(current[segment])) current[segment] = {};
        current = current[segment] as Record<string, unknown>;
      }
    }
  });
}

/** Removes a field (or a list position, shifting the rest); returns whether there was one. */
export function removePath(root: unknown, path: PathSegment[]): boolean {
  if (!path.length || !hasPath(root, path)) return false;
  const parent = getPath(root, path.slice(0, -1)) as Record<string, unknown> | unknown[];
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return true;
}

/** Keys that would reach an object's prototype when set. */
function isUnsafeKey(key: string): boolean {
  return key === "__proto__" || key === "constructor" || key === "prototype";
}

/** A deep copy of plain JSON data (what node outputs are). */
export function cloneJson<T>(value: T): T {
  return value === undefined ? (null as T) : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * Evaluates JSONata against one value (`$` in the expression), with the run's data as variables:
 * `$trigger`, `$steps`, `$run`, `$input`, `$loop` (in a loop), plus `extra` (e.g. `$index`).
 */
export async function evaluateOn(source: string, value: unknown, scope: ExpressionScope, extra: Record<string, unknown> = {}): Promise<unknown> {
  const expression = compile(source);
  try {
    const result: unknown = await expression.evaluate(value, { trigger: scope.trigger, steps: scope.steps, run: scope.run, input: scope.input ?? null, loop: scope.loop ?? null, ...extra });
    return result === undefined ? null : JSON.parse(JSON.stringify(result) ?? "null") as unknown;
  } catch (error) {
    const e = error as { message?: string; position?: number };
    throw new ExpressionError(`Expression "${source}" failed: ${e.message ?? String(error)}${typeof e.position === "number" ? ` (at position ${e.position})` : ""}`, source);
  }
}

/** The list a node works on: a JSONata result as an array (nothing → [], one value → [value]). */
export function asList(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** "a list", "an object", "text"... for error messages. */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "text";
  return `a ${typeof value}`;
}

/** A config field holding a dotted path; `{{ }}` is allowed (checked once resolved). */
export const PATH_HELP = "A field name, or a dotted path such as customer.email or items.0.sku.";
