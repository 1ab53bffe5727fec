import { jsonataLiteral } from "@/lib/document/expressions";
import { translateExpression, type NodeIds } from "./n8n-expressions";

/**
 * n8n's condition lists (the If and Switch nodes' "filter" parameter, and the older If v1 lists)
 * as one JSONata condition. Each operation maps to its JSONata equivalent; one that has none is
 * reported for review and stands as `false`, so the imported branch never runs by accident.
 */

interface FilterCondition {
  leftValue?: unknown;
  rightValue?: unknown;
  operator?: { type?: string; operation?: string };
}

interface Filter {
  conditions?: FilterCondition[];
  combinator?: "and" | "or";
  options?: { caseSensitive?: boolean };
}

interface TranslatedCondition {
  condition: string;
  reviews: string[];
}

/** The If v2+/Switch v3+ filter. */
export function filterCondition(filter: Filter | undefined, ids: NodeIds): TranslatedCondition {
  const reviews: string[] = [];
  const caseSensitive = filter?.options?.caseSensitive !== false;
  const parts = (filter?.conditions ?? []).map((c) => comparison(c.operator?.type ?? "string", c.operator?.operation ?? "equals", c.leftValue, c.rightValue, caseSensitive, ids, reviews));
  return { condition: join(parts, filter?.combinator === "or" ? "or" : "and"), reviews };
}

const V1_OPERATIONS: Record<string, string> = {
  equal: "equals",
  notEqual: "notEquals",
  smaller: "lt",
  smallerEqual: "lte",
  larger: "gt",
  largerEqual: "gte",
  isEmpty: "empty",
  isNotEmpty: "notEmpty",
};

/** One rule of the Switch v1/v2 node: `value1 <operation> value2` of a data type. */
export function legacyComparison(type: string, operation: string, left: unknown, right: unknown, ids: NodeIds): TranslatedCondition {
  const reviews: string[] = [];
  return { condition: comparison(type, V1_OPERATIONS[operation] ?? operation, left, right, true, ids, reviews), reviews };
}

/** The If v1 lists: `{ string: [{ value1, operation, value2 }], number: [...], ... }` combined by "all" or "any". */
export function v1Condition(conditions: Record<string, { value1?: unknown; operation?: string; value2?: unknown }[]> | undefined, combine: string | undefined, ids: NodeIds): TranslatedCondition {
  const reviews: string[] = [];
  const parts: string[] = [];
  for (const [type, list] of Object.entries(conditions ?? {})) {
    for (const c of list ?? []) parts.push(comparison(type, V1_OPERATIONS[c.operation ?? "equal"] ?? c.operation ?? "equals", c.value1, c.value2, true, ids, reviews));
  }
  return { condition: join(parts, combine === "any" ? "or" : "and"), reviews };
}

function join(parts: string[], combinator: "and" | "or"): string {
  if (parts.length === 0) return "true";
  return parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(` ${combinator} `);
}

/** A left or right value: an expression (`={{ … }}`) as JSONata, anything else as a literal. */
function operand(value: unknown, ids: NodeIds, reviews: string[]): string {
  if (typeof value !== "string" || !value.startsWith("=")) return jsonataLiteral(value);
  const whole = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(value.slice(1));
  if (!whole) {
    if (value.includes("{{")) reviews.push(`text mixing expressions and words in a condition: ${value.slice(1)}`);
    return jsonataLiteral(value.slice(1));
  }
  const translated = translateExpression(whole[1].trim(), ids);
  if (translated.review) reviews.push(translated.review);
  return `(${translated.value})`;
}

function comparison(type: string, operation: string, left: unknown, right: unknown, caseSensitive: boolean, ids: NodeIds, reviews: string[]): string {
  let l = operand(left, ids, reviews);
  let r = operand(right, ids, reviews);
  if (!caseSensitive && type === "string") {
    l = `$lowercase(${l})`;
    r = `$lowercase(${r})`;
  }
  const not = (expression: string) => `$not(${expression})`;
  const empty = type === "array" ? `$count(${l}) = 0` : type === "object" ? `$count($keys(${l})) = 0` : `($not($exists(${l})) or ${l} = "")`;
  switch (operation) {
    case "equals":
      return `${l} = ${r}`;
    case "notEquals":
      return `${l} != ${r}`;
    case "gt":
    case "after":
      return type === "dateTime" ? `$toMillis(${l}) > $toMillis(${r})` : `${l} > ${r}`;
    case "lt":
    case "before":
      return type === "dateTime" ? `$toMillis(${l}) < $toMillis(${r})` : `${l} < ${r}`;
    case "gte":
      return `${l} >= ${r}`;
    case "lte":
      return `${l} <= ${r}`;
    case "contains":
      return type === "array" ? `${r} in ${l}` : `$contains(${l}, ${r})`;
    case "notContains":
      return not(type === "array" ? `${r} in ${l}` : `$contains(${l}, ${r})`);
    case "startsWith":
      return `$substring(${l}, 0, $length(${r})) = ${r}`;
    case "notStartsWith":
      return not(`$substring(${l}, 0, $length(${r})) = ${r}`);
    case "endsWith":
      return `$substring(${l}, $length(${l}) - $length(${r})) = ${r}`;
    case "notEndsWith":
      return not(`$substring(${l}, $length(${l}) - $length(${r})) = ${r}`);
    case "regex":
    case "notRegex": {
      if (typeof right !== "string" || right.startsWith("=")) break;
      const literal = /^\/(.*)\/([a-z]*)$/.exec(right);
      const pattern = `/${(literal ? literal[1] : right).replace(/\//g, "\\/")}/${literal?.[2].includes("i") ? "i" : ""}`;
      return operation === "regex" ? `$contains(${l}, ${pattern})` : not(`$contains(${l}, ${pattern})`);
    }
    case "exists":
      return `$exists(${l})`;
    case "notExists":
      return not(`$exists(${l})`);
    case "empty":
      return empty;
    case "notEmpty":
      return not(empty);
    case "true":
      return `${l} = true`;
    case "false":
      return `${l} = false`;
    case "lengthEquals":
      return `$count(${l}) = ${r}`;
    case "lengthNotEquals":
      return `$count(${l}) != ${r}`;
    case "lengthGt":
      return `$count(${l}) > ${r}`;
    case "lengthLt":
      return `$count(${l}) < ${r}`;
  }
  reviews.push(`the condition "${type} ${operation}" has no equivalent and stands as false`);
  return "false";
}
