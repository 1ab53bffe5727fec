import jsonata from "jsonata";

/**
 * Expressions: a string field may embed `{{ <JSONata> }}`. A string that is exactly one
 * expression evaluates to the expression's value (any JSON type); otherwise every expression is
 * evaluated and the results are spliced into the text.
 */

export interface ExpressionScope {
  trigger: unknown;
  steps: Record<string, unknown>;
  run: { id: string; workflowId: string; attempt: number };
  /** Output of the node's parent (an object keyed by parent id when there are several). */
  input?: unknown;
  /** Inside a loop (the nodes after a transform.split): the iteration's position and the number of iterations. */
  loop?: { index: number; count: number };
}

export type TemplatePart = { kind: "text"; text: string } | { kind: "expression"; source: string; start: number };

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(message);
    this.name = "ExpressionError";
  }
}

/** Splits a template into text and `{{ }}` parts; braces inside the expression are balanced. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{{", i);
    if (open === -1) break;
    const close = findClose(template, open + 2);
    if (close === -1) break;
    text += template.slice(i, open);
    if (text) parts.push({ kind: "text", text });
    text = "";
    parts.push({ kind: "expression", source: template.slice(open + 2, close).trim(), start: open });
    i = close + 2;
  }
  text += template.slice(i);
  if (text) parts.push({ kind: "text", text });
  return parts;
}

/** Where the `}}` closing an expression opened before `from` is (its index), or -1; braces and quotes inside are skipped. */
export function findClose(s: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0 && s[i + 1] === "}") return i;
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/** Whether the string is exactly one `{{ }}` expression (which evaluates to the expression's value, any JSON type). */
export function isWholeExpression(value: string): boolean {
  const parts = parseTemplate(value);
  return parts.length === 1 && parts[0].kind === "expression";
}

export function hasExpression(value: string): boolean {
  return parseTemplate(value).some((p) => p.kind === "expression");
}

const compiled = new Map<string, jsonata.Expression>();
const CACHE_LIMIT = 1000;

/** Compiles (and caches) a JSONata expression; throws ExpressionError with the parser's message. */
export function compile(source: string): jsonata.Expression {
  let expr = compiled.get(source);
  if (expr) return expr;
  try {
    expr = jsonata(source);
  } catch (error) {
    throw new ExpressionError(jsonataMessage(error), source);
  }
  if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
  compiled.set(source, expr);
  return expr;
}

/**
 * Syntax check results by source. Validation checks every expression of a document after each
 * edit; in a workflow with more expressions than the compile cache holds, re-parsing them all
 * took a few hundred ms per edit. The results are small, so many more are kept.
 */
const syntaxChecked = new Map<string, string | null>();
const SYNTAX_CACHE_LIMIT = 20_000;

/** Returns the syntax error of a JSONata expression, or null when it parses. */
export function expressionSyntaxError(source: string): string | null {
  if (!source.trim()) return "Expression is empty";
  const known = syntaxChecked.get(source);
  if (known !== undefined) return known;
  let error: string | null = null;
  try {
    compile(source);
  } catch (thrown) {
    error = (thrown as Error).message;
  }
  if (syntaxChecked.size >= SYNTAX_CACHE_LIMIT) syntaxChecked.delete(syntaxChecked.keys().next().value!);
  syntaxChecked.set(source, error);
  return error;
}

/** Returns the first syntax error among a template's `{{ }}` parts, or null. */
export function templateSyntaxError(template: string): string | null {
  for (const part of parseTemplate(template)) {
    if (part.kind === "expression") {
      const error = expressionSyntaxError(part.source);
      if (error) return `{{ ${part.source} }}: ${error}`;
    }
  }
  return null;
}

export async function evaluate(source: string, scope: ExpressionScope): Promise<unknown> {
  const expr = compile(source);
  try {
    const result: unknown = await expr.evaluate(scope);
    return normalise(result);
  } catch (error) {
    throw new ExpressionError(`Expression "${source}" failed: ${jsonataMessage(error)}`, source);
  }
}

/** Whether a condition's result counts as true: JavaScript truthiness, except that an empty list is false. */
export function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

export async function renderTemplate(template: string, scope: ExpressionScope): Promise<unknown> {
  const parts = parseTemplate(template);
  if (parts.length === 1 && parts[0].kind === "expression") return evaluate(parts[0].source, scope);
  if (!parts.some((p) => p.kind === "expression")) return template;
  let out = "";
  for (const part of parts) {
    if (part.kind === "text") out += part.text;
    else out += stringify(await evaluate(part.source, scope));
  }
  return out;
}

export type ConfigPath = (string | number)[];

/**
 * Matches config paths against patterns such as "expression" or "cases.*.condition"
 * (`*` stands for any key or array index).
 */
export function pathMatcher(patterns: readonly string[] = []): (path: ConfigPath) => boolean {
  const split = patterns.map((p) => p.split("."));
  return (path) => split.some((parts) => parts.length === path.length && parts.every((part, i) => part === "*" || part === String(path[i])));
}

/** Interpolates every string inside a config value (objects and arrays are walked), except where `isRaw(path)`. */
export async function resolveTemplates(value: unknown, scope: ExpressionScope, isRaw: (path: ConfigPath) => boolean = () => false, path: ConfigPath = []): Promise<unknown> {
  if (path.length && isRaw(path)) return value;
  if (typeof value === "string") return renderTemplate(value, scope);
  if (Array.isArray(value)) return Promise.all(value.map((v, i) => resolveTemplates(v, scope, isRaw, [...path, i])));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = await resolveTemplates(v, scope, isRaw, [...path, key]);
    return out;
  }
  return value;
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** JSONata returns sequences with extra properties and `undefined` for no match; make it plain JSON. */
function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value) ?? "null");
}

function jsonataMessage(error: unknown): string {
  const e = error as { message?: string; position?: number; token?: string };
  const where = typeof e.position === "number" ? ` (at position ${e.position})` : "";
  return `${e.message ?? String(error)}${where}`;
}

/** A literal as JSONata: numbers and booleans as they are, text quoted. */
export function jsonataLiteral(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "null";
  return JSON.stringify(String(value));
}
