import { XMLParser, XMLValidator } from "fast-xml-parser";
import { jsonShapeProblem } from "@/lib/json-shape";

export class BodyParseError extends Error {}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", textNodeName: "#text", parseTagValue: true, trimValues: true });

export type BodyKind = "empty" | "json" | "form" | "xml" | "text";

export function bodyKind(contentType: string | null): Exclude<BodyKind, "empty"> {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type === "application/xml" || type === "text/xml" || type.endsWith("+xml")) return "xml";
  return "text";
}

/**
 * The body as the run sees it: JSON parsed, form fields as an object (repeated fields as lists),
 * XML as JSON (attributes prefixed with "@", text beside them as "#text"), anything else as text.
 * An empty body is null.
 */
/** Form fields with bracketed names as nested objects: `{ "data[merges][FNAME]": "Ada" }` → `{ data: { merges: { FNAME: "Ada" } } }`. */
export function nestBrackets(fields: Record<string, string | string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const path = /^[^[\]]+(\[[^[\]]*\])+$/.test(name) ? [name.slice(0, name.indexOf("[")), ...[...name.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])] : [name];
    let node = out;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node = (next && typeof next === "object" && !Array.isArray(next) ? next : (node[key] = {})) as Record<string, unknown>;
    }
    node[path.at(-1)!] = value;
  }
  return out;
}

export function parseBody(raw: Buffer | string, contentType: string | null): unknown {
  const text = typeof raw === "string" ? raw : raw.toString("utf8");
  if (!text.length) return null;
  switch (bodyKind(contentType)) {
    case "json": {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new BodyParseError(`Body is not valid JSON: ${(error as Error).message}`);
      }
      const problem = jsonShapeProblem(body);
      if (problem) throw new BodyParseError(`Body cannot be accepted${problem.path ? ` at ${problem.path}` : ""}: ${problem.message}`);
      return body;
    }
    case "form": {
      const out: Record<string, string | string[]> = {};
      for (const [key, value] of new URLSearchParams(text)) {
        const existing = out[key];
        out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
      }
      return out;
    }
    case "xml": {
      const valid = XMLValidator.validate(text);
      if (valid !== true) throw new BodyParseError(`Body is not valid XML: ${valid.err.msg} (line ${valid.err.line})`);
      return xml.parse(text);
    }
    default:
      return text;
  }
}
