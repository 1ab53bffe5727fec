import type { ConnectorRequest } from "@/lib/connectors/define";
import { fileOf, type FilePart } from "@/lib/connectors/file";
import type { ApiOperation, ApiSchema } from "./model";

/**
 * The request of an imported operation from a node's values: path parameters percent-encoded into
 * the path, query parameters (lists repeated or comma-separated as the document says), headers,
 * and the body in the operation's content type (a multipart body's binary fields as files). Values typed in text fields are converted to
 * the types the schema names ("42" → 42, "true" → true, JSON text → a list or object); empty
 * values are left out. Throws an Error naming the first required value that is missing.
 */
export function operationRequest(operation: ApiOperation, parameters: Record<string, unknown>, body: unknown): ConnectorRequest {
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  let path = operation.path;
  for (const parameter of operation.parameters) {
    const value = parameters[parameter.name];
    if (isEmpty(value)) {
      if (parameter.required) throw new Error(`the ${parameter.in} parameter “${parameter.name}” is required`);
      continue;
    }
    if (parameter.in === "path") path = path.split(`{${parameter.name}}`).join(encodeURIComponent(text(value)));
    else if (parameter.in === "header") headers[parameter.name] = text(value);
    else {
      const list = listOf(value, parameter.schema);
      if (!list) query.append(parameter.name, text(value));
      else if (parameter.explode === false) query.append(parameter.name, list.map(text).join(","));
      else for (const item of list) query.append(parameter.name, text(item));
    }
  }
  const search = query.toString();
  const request: ConnectorRequest = { method: operation.method, path: search ? `${path}?${search}` : path, headers };
  if (!operation.body) return request;
  const value = coerce(body, operation.body.schema);
  if (isEmpty(value)) {
    if (operation.body.required) throw new Error("the request body is required");
    return request;
  }
  const missing = operation.body.schema.required?.find((key) => isObject(value) && isEmpty(value[key]));
  if (missing) throw new Error(`the body field “${missing}” is required`);
  switch (operation.body.type) {
    case "json":
      request.json = value;
      break;
    case "form":
      request.form = isObject(value) ? value : { value };
      break;
    case "multipart":
      Object.assign(request, multipartBody(isObject(value) ? value : { value }, operation.body.schema));
      break;
    case "text":
      request.text = { body: text(value), contentType: operation.body.contentType };
      break;
  }
  return request;
}

/** A multipart body's text fields and its files: the properties the schema says are binary (`format: binary`) take a file (lib/connectors/file.ts). */
function multipartBody(fields: Record<string, unknown>, schema: ApiSchema): Pick<ConnectorRequest, "multipart" | "files"> {
  const multipart: Record<string, unknown> = {};
  const files: Record<string, FilePart> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (schema.properties?.[key]?.format !== "binary") {
      multipart[key] = value;
      continue;
    }
    const file = fileOf(value, key);
    if (!file) throw new Error(`the body field “${key}” takes a file: base64 text (an HTTP Request step's binary answer), a data: URL, or { name, contentType, base64 }`);
    files[key] = file;
  }
  return { multipart, ...(Object.keys(files).length ? { files } : {}) };
}

/** A node value in the type its schema names; empty strings and empty objects become undefined. */
function coerce(value: unknown, schema: ApiSchema): unknown {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") {
    const trimmed = value.trim();
    switch (schema.type) {
      case "integer":
      case "number":
        return trimmed !== "" && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
      case "boolean":
        return trimmed === "true" ? true : trimmed === "false" ? false : value;
      case "object":
      case "array":
        try {
          return JSON.parse(trimmed) as unknown;
        } catch {
          return value;
        }
      default:
        return value;
    }
  }
  if (isObject(value) && schema.properties) {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, coerce(item, schema.properties?.[key] ?? (schema.additionalProperties === true ? {} : (schema.additionalProperties ?? {})))] as const)
      .filter(([, item]) => item !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

function listOf(value: unknown, schema: ApiSchema): unknown[] | undefined {
  if (Array.isArray(value)) return value as unknown[];
  if (schema.type === "array" && typeof value === "string") {
    const parsed = coerce(value, schema);
    return Array.isArray(parsed) ? (parsed as unknown[]) : value.split(",").map((item) => item.trim());
  }
  return undefined;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (isObject(value) && !Object.keys(value).length);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
