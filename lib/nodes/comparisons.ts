import canonicalize from "canonicalize";

/**
 * The comparisons of the If node's form. Values arrive with their expressions evaluated: an
 * expression keeps its type ({{ input.total }} is a number), typed text is text. So "compared
 * with 1000" means the number when both sides read as numbers, dates compare as dates when both
 * sides are ISO timestamps, and everything else compares as text.
 */
export const COMPARISONS = [
  "equals",
  "notEquals",
  "greaterThan",
  "greaterOrEqual",
  "lessThan",
  "lessOrEqual",
  "contains",
  "notContains",
  "startsWith",
  "endsWith",
  "matchesRegex",
  "isEmpty",
  "isNotEmpty",
  "isTrue",
  "isFalse",
] as const;

export type Comparison = (typeof COMPARISONS)[number];

/** How the form names each comparison. */
export const COMPARISON_LABELS: Record<Comparison, string> = {
  equals: "is equal to",
  notEquals: "is not equal to",
  greaterThan: "is greater than",
  greaterOrEqual: "is greater than or equal to",
  lessThan: "is less than",
  lessOrEqual: "is less than or equal to",
  contains: "contains",
  notContains: "does not contain",
  startsWith: "starts with",
  endsWith: "ends with",
  matchesRegex: "matches the regular expression",
  isEmpty: "is empty",
  isNotEmpty: "is not empty",
  isTrue: "is true",
  isFalse: "is false",
};

export const UNARY_COMPARISONS: Comparison[] = ["isEmpty", "isNotEmpty", "isTrue", "isFalse"];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function asNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function asDate(value: unknown): number | null {
  return typeof value === "string" && ISO_DATE.test(value.trim()) && !Number.isNaN(Date.parse(value)) ? Date.parse(value) : null;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function same(a: unknown, b: unknown): boolean {
  const [x, y] = [asNumber(a), asNumber(b)];
  if (x !== null && y !== null) return x === y;
  if (typeof a === "boolean" || typeof b === "boolean") return text(a).toLowerCase() === text(b).toLowerCase();
  if ((a && typeof a === "object") || (b && typeof b === "object")) return canonicalize(a) === canonicalize(b);
  return text(a) === text(b);
}

/** Negative, zero or positive as a is below, at or above b: numbers, then dates, then text. */
function order(a: unknown, b: unknown): number {
  const [x, y] = [asNumber(a), asNumber(b)];
  if (x !== null && y !== null) return x - y;
  const [d, e] = [asDate(a), asDate(b)];
  if (d !== null && e !== null) return d - e;
  return text(a).localeCompare(text(b));
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

/** Why a regular expression typed in the form cannot be used, or null (expressions are checked when they run). */
export function regexProblem(pattern: unknown): string | null {
  if (typeof pattern !== "string" || pattern.includes("{{")) return null;
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
}

export function compare(left: unknown, comparison: Comparison, right: unknown): boolean {
  switch (comparison) {
    case "equals":
      return same(left, right);
    case "notEquals":
      return !same(left, right);
    case "greaterThan":
      return order(left, right) > 0;
    case "greaterOrEqual":
      return order(left, right) >= 0;
    case "lessThan":
      return order(left, right) < 0;
    case "lessOrEqual":
      return order(left, right) <= 0;
    case "contains":
      return Array.isArray(left) ? left.some((item) => same(item, right)) : text(left).includes(text(right));
    case "notContains":
      return !compare(left, "contains", right);
    case "startsWith":
      return text(left).startsWith(text(right));
    case "endsWith":
      return text(left).endsWith(text(right));
    case "matchesRegex":
      return new RegExp(text(right)).test(text(left));
    case "isEmpty":
      return isEmpty(left);
    case "isNotEmpty":
      return !isEmpty(left);
    case "isTrue":
      return left === true || text(left).toLowerCase() === "true";
    case "isFalse":
      return left === false || text(left).toLowerCase() === "false";
  }
}
