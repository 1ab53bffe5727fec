import { findClose, isWholeExpression } from "./expressions";

/**
 * JSON with expressions: the text of a JSON config field (an HTTP body, a published event's
 * data) may hold `{{ }}` expressions where a JSON value goes, or be one expression as a whole:
 *
 *   {{ steps.set_1 }}
 *   { "id": "{{ steps.set_1.id }}", "n": {{ trigger.body.count }} }
 *
 * The config stores plain JSON: a bare expression becomes the string "{{ … }}", which at run time
 * evaluates to the expression's value (any JSON type), as every string that is exactly one
 * expression does; expressions inside strings are spliced into the text. So documents written
 * before expressions were accepted here load and run unchanged, and an expression written bare
 * or quoted means the same. Text that does not parse is kept in the config as an invalid-JSON
 * marker, which the document check reports as a problem (and the server refuses to save or run),
 * so a typo is shown and counted instead of being dropped.
 */

/** The key of the marker that holds text which is not valid JSON. */
export const INVALID_JSON_KEY = "$invalidJson";

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses JSON in which `{{ }}` expressions may stand for values; errors name the line and column. */
export function parseJsonWithExpressions(text: string): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // Not plain JSON: parsed below, where expressions are values and errors say where.
  }
  try {
    return { ok: true, value: new Parser(text).document() };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, error: `Not valid JSON: ${error.message} ${where(text, error.at)}` };
    if (error instanceof RangeError) return { ok: false, error: "Not valid JSON: nested too deeply" };
    throw error;
  }
}

/** The config value for a JSON field's text: the parsed value, or the invalid-JSON marker holding the text. */
export function jsonFieldValue(text: string): unknown {
  const parsed = parseJsonWithExpressions(text);
  return parsed.ok ? parsed.value : { [INVALID_JSON_KEY]: text };
}

/** The text held by an invalid-JSON marker, or null when the value is not one. */
export function invalidJsonText(value: unknown): string | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  const text = (value as Record<string, unknown>)[INVALID_JSON_KEY];
  return keys.length === 1 && typeof text === "string" ? text : null;
}

/** The error of an invalid-JSON marker ("Not valid JSON: …"), or null when the value is not one. Every marker is an error, even one written by hand around valid text. */
export function invalidJsonError(value: unknown): string | null {
  const text = invalidJsonText(value);
  if (text === null) return null;
  const parsed = parseJsonWithExpressions(text);
  return parsed.ok ? "Not valid JSON: the text is kept unparsed; edit the field to store it" : parsed.error;
}

/**
 * A JSON field's value as text, indented like JSON.stringify(value, null, 2), with strings that
 * are exactly one expression written bare (`{{ steps.set_1 }}`), as they evaluate to any type.
 * An invalid-JSON marker gives back its text.
 */
export function formatJsonWithExpressions(value: unknown): string {
  if (value === undefined) return "";
  const invalid = invalidJsonText(value);
  return invalid ?? format(value, "");
}

function format(value: unknown, indent: string): string {
  if (typeof value === "string") return isWholeExpression(value) ? value : JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    return `[\n${value.map((item) => `${inner}${item === undefined ? "null" : format(item, inner)}`).join(",\n")}\n${indent}]`;
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function");
    if (!entries.length) return "{}";
    return `{\n${entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${format(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value) ?? "null";
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

function where(text: string, at: number): string {
  const before = text.slice(0, at).split("\n");
  return `(line ${before.length}, column ${before[before.length - 1].length + 1})`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A recursive-descent JSON parser that also takes `{{ }}` expressions as values. */
class Parser {
  private i = 0;

  constructor(private readonly text: string) {}

  document(): unknown {
    this.space();
    if (this.i >= this.text.length) throw new JsonSyntaxError("it is empty", this.i);
    const value = this.value();
    this.space();
    if (this.i < this.text.length) throw new JsonSyntaxError(`unexpected ${this.describe()} after the value`, this.i);
    return value;
  }

  private value(): unknown {
    const c = this.text[this.i];
    if (c === "{" && this.text[this.i + 1] === "{") return this.expression();
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return value;
      }
    }
    throw new JsonSyntaxError(`expected a value, found ${this.describe()}`, this.i);
  }

  private expression(): string {
    const start = this.i;
    const close = findClose(this.text, start + 2);
    if (close === -1) throw new JsonSyntaxError("the expression opened here has no closing }}", start);
    this.i = close + 2;
    return this.text.slice(start, this.i);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.space();
    if (this.text[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      if (this.text[this.i] !== '"') throw new JsonSyntaxError(`expected a property name in double quotes, found ${this.describe()}`, this.i);
      const key = this.string();
      this.space();
      if (this.text[this.i] !== ":") throw new JsonSyntaxError(`expected ":" after the property name, found ${this.describe()}`, this.i);
      this.i++;
      this.space();
      // Defined rather than assigned, so a "__proto__" key is a key, as with JSON.parse.
      Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.space();
      const c = this.text[this.i];
      this.i++;
      if (c === "}") return out;
      if (c !== ",") throw new JsonSyntaxError(`expected "," or "}" after a property, found ${this.describe(this.i - 1)}`, this.i - 1);
      this.space();
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.space();
    if (this.text[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.space();
      const c = this.text[this.i];
      this.i++;
      if (c === "]") return out;
      if (c !== ",") throw new JsonSyntaxError(`expected "," or "]" after a list item, found ${this.describe(this.i - 1)}`, this.i - 1);
      this.space();
    }
  }

  private string(): string {
    const start = this.i;
    for (let j = start + 1; j < this.text.length; j++) {
      const c = this.text[j];
      if (c === "\\") j++;
      else if (c === '"') {
        this.i = j + 1;
        try {
          return JSON.parse(this.text.slice(start, j + 1)) as string;
        } catch {
          throw new JsonSyntaxError("the text has a bad escape or a line break (write \\n)", start);
        }
      }
    }
    throw new JsonSyntaxError("the text opened here has no closing quote", start);
  }

  private number(): number {
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.text);
    if (!match) throw new JsonSyntaxError(`expected a number, found ${this.describe()}`, this.i);
    this.i += match[0].length;
    return Number(match[0]);
  }

  private space() {
    while (this.i < this.text.length && " \t\n\r".includes(this.text[this.i])) this.i++;
  }

  private describe(at = this.i): string {
    if (at >= this.text.length) return "the end";
    const token = /^(?:[A-Za-z_$][\w$]*|.)/.exec(this.text.slice(at))![0];
    return `“${token}”`;
  }
}
