import type { JsonSchema } from "@/lib/editor/field-model";
import type { ApiOperation, ApiParameter, ApiSchema } from "./model";

/**
 * The node form of an imported operation, as object JSON Schemas the generated form reads
 * (lib/editor/field-model.ts): one for the parameters and one for the body's fields, or none
 * when the body is not an object with known fields (it is then one JSON field). Scalar values
 * are text fields, so that each may hold a {{ expression }}; lib/openapi/request.ts converts
 * them to the schema's types when the node runs.
 */

type FormSchema = JsonSchema & { properties: Record<string, JsonSchema>; required: string[] };

const PLACES: Record<ApiParameter["in"], string> = { path: "in the path", query: "query parameter", header: "header" };

export function parameterForm(operation: ApiOperation): FormSchema {
  return {
    type: "object",
    properties: Object.fromEntries(operation.parameters.map((p) => [p.name, fieldSchema(p.schema, p.name, [PLACES[p.in], p.description].filter(Boolean).join(" · "))])),
    required: operation.parameters.filter((p) => p.required).map((p) => p.name),
  };
}

/** The body's fields, when it is an object with properties. */
export function bodyForm(operation: ApiOperation): FormSchema | undefined {
  const schema = operation.body?.schema;
  if (!schema?.properties || !Object.keys(schema.properties).length) return undefined;
  return {
    type: "object",
    properties: Object.fromEntries(Object.entries(schema.properties).map(([key, property]) => [key, fieldSchema(property, key, property.description)])),
    required: schema.required ?? [],
  };
}

function fieldSchema(schema: ApiSchema, name: string, description?: string): JsonSchema {
  const title = schema.title && schema.title !== name ? `${name} (${schema.title})` : name;
  const base = { title, ...(description ? { description } : {}) };
  if (schema.enum?.length && schema.enum.every((v) => typeof v === "string")) return { ...base, type: "string", enum: schema.enum, ...(typeof schema.default === "string" ? { default: schema.default } : {}) };
  if (schema.format === "binary") return { ...base, type: "string", placeholder: "{{ steps.download.body }}", description: [description, "A file: base64 text (an HTTP Request step's binary answer), a data: URL, or { name, contentType, base64 }."].filter(Boolean).join(" · ") };
  switch (schema.type) {
    case "boolean":
      return { ...base, type: "boolean" };
    case "object":
    case "array":
      return { ...base, widget: "json", placeholder: schema.type === "array" ? "[ … ]" : "{ … }" };
    default: {
      const hint = schema.type === "integer" || schema.type === "number" ? `a ${schema.type === "integer" ? "whole number" : "number"}` : schema.format;
      return { ...base, type: "string", ...(hint ? { placeholder: hint } : {}), ...(schema.default !== undefined ? { placeholder: `${String(schema.default)} (default)` } : {}) };
    }
  }
}

/** Required parameters and body fields with no value, by form key ("parameters.owner", "body.title"). */
export function missingValues(operation: ApiOperation, parameters: Record<string, unknown>, body: unknown): string[] {
  const empty = (value: unknown) => value === undefined || value === null || value === "";
  const missing = operation.parameters.filter((p) => p.required && empty(parameters[p.name])).map((p) => `parameters.${p.name}`);
  const fields = bodyForm(operation);
  const values = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  if (fields) missing.push(...fields.required.filter((key) => empty(values[key])).map((key) => `body.${key}`));
  else if (operation.body?.required && empty(body)) missing.push("body");
  return missing;
}
