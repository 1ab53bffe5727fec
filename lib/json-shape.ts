/**
 * The shape every JSON value Switchboard accepts and stores must have, checked without recursion
 * (so the check itself cannot overflow the stack): objects and lists nested at most
 * MAX_JSON_DEPTH levels, and strings (keys too) that are well-formed UTF-16 without NUL
 * characters. PostgreSQL's jsonb refuses lone surrogates and \u0000, and SQLite would store what
 * PostgreSQL refuses, so the API refuses them on both; values a workflow produces get U+FFFD in
 * their place instead. Deeper values are refused before anything recursive (validation, JSONata,
 * history writes, canonical JSON) sees them.
 */

/** The deepest nesting of objects and lists accepted from clients and produced by steps. */
export const MAX_JSON_DEPTH = 128;

export interface JsonShapeProblem {
  /** Dotted path to the value (cut after 12 levels). */
  path: string;
  kind: "depth" | "surrogate" | "nul";
  message: string;
}

/** The first problem of a parsed JSON value, or null. */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonShapeProblem | null {
  const stack: { value: unknown; depth: number; path: string[] }[] = [{ value, depth: 0, path: [] }];
  while (stack.length) {
    const { value: current, depth, path } = stack.pop()!;
    if (typeof current === "string") {
      const problem = textProblem(current, path);
      if (problem) return problem;
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    if (depth >= maxDepth) return { path: dotted(path), kind: "depth", message: `Nested deeper than ${maxDepth} levels of objects and lists, the most Switchboard accepts` };
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], depth: depth + 1, path: [...path, String(i)] });
    } else {
      for (const [key, child] of Object.entries(current as Record<string, unknown>)) {
        const problem = textProblem(key, [...path, storableText(key)]);
        if (problem) return problem;
        stack.push({ value: child, depth: depth + 1, path: [...path, key] });
      }
    }
  }
  return null;
}

/** A copy of a value whose strings can be stored (lone surrogates and NUL become U+FFFD); the value itself when they already can. Call after the depth check. */
export function storableStrings<T>(value: T): T {
  if (jsonShapeProblem(value, Infinity) === null) return value;
  return replaceText(value) as T;
}

function replaceText(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(replaceText);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, child]) => [storableText(key), replaceText(child)]));
  return value;
}

function storableText(text: string): string {
  return text.toWellFormed().replaceAll("\u0000", "\ufffd");
}

function textProblem(text: string, path: string[]): JsonShapeProblem | null {
  if (!text.isWellFormed()) return { path: dotted(path), kind: "surrogate", message: "Text with a lone UTF-16 surrogate (half of an emoji or other character): send well-formed Unicode" };
  if (text.includes("\u0000")) return { path: dotted(path), kind: "nul", message: "Text with a NUL character (\\u0000), which cannot be stored" };
  return null;
}

function dotted(path: string[]): string {
  return path.length > 12 ? `${path.slice(0, 12).join(".")}…` : path.join(".");
}
