import { dereference } from "@readme/openapi-parser";
import { parse as parseYaml } from "yaml";
import { API_METHODS, type ApiAuth, type ApiMethod, type ApiOperation, type ApiParameter, type ApiSchema, type ImportedDocument } from "./model";
import { detectPaging } from "./paging";

/**
 * Reads an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML text) into an imported API.
 * `$ref`s are resolved by @readme/openapi-parser (the maintained fork of swagger-parser, which
 * also handles 3.1 and circular references); only references inside the document are followed,
 * never a URL or a file (an import must not make the server fetch anything). Swagger 2.0's
 * shapes (body and formData parameters, host and basePath, securityDefinitions) are mapped here
 * to the 3.x ones: the converters on npm are unmaintained and add a second pass over large specs.
 */

/** Why a document cannot be imported, in words naming where (a 400 for the API). */
export class ApiImportError extends Error {}

/** Documents larger than this are refused (GitHub's, among the largest, is 13 MB). */
export const MAX_DOCUMENT_BYTES = 40 * 1024 * 1024;
/** Nesting kept of body and response schemas; deeper (and recursive) parts become untyped values. */
const MAX_DEPTH = 4;
const MAX_TEXT = 400;
const MAX_ENUM = 200;

export type Json = Record<string, unknown>;

/** `source` is the document's text, or the document already parsed from a JSON request body (parsed once). */
export async function importDocument(source: string | Json): Promise<ImportedDocument> {
  const raw = typeof source === "string" ? readText(source) : source;
  const version = typeof raw.openapi === "string" ? raw.openapi : raw.swagger === "2.0" ? "2.0" : undefined;
  if (!version || !(version === "2.0" || /^3\.[01]\./.test(version))) {
    throw new ApiImportError(`document: not an OpenAPI 3.0/3.1 or Swagger 2.0 document (${typeof raw.openapi === "string" ? `openapi ${raw.openapi}` : typeof raw.swagger === "string" ? `swagger ${raw.swagger}` : "no openapi or swagger version"})`);
  }
  if (!isObject(raw.paths)) throw new ApiImportError("document.paths: missing; the document lists no operations");
  let doc: Json;
  try {
    doc = (await dereference(raw as Parameters<typeof dereference>[0], { resolve: { external: false, file: false }, dereference: { circular: true } })) as unknown as Json;
  } catch (error) {
    throw new ApiImportError(`document: ${(error as Error).message}`);
  }
  return version === "2.0" ? readSwagger(doc) : readOpenApi(doc, version);
}

function readText(text: string): Json {
  if (!text.trim()) throw new ApiImportError("document: empty");
  if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES) throw new ApiImportError(`document: larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`);
  let value: unknown;
  const trimmed = text.trimStart();
  try {
    value = trimmed.startsWith("{") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 1000 });
  } catch (error) {
    const kind = trimmed.startsWith("{") ? "JSON" : "YAML";
    throw new ApiImportError(`document: not valid ${kind}: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!isObject(value)) throw new ApiImportError("document: not a JSON or YAML object");
  return value;
}

function readOpenApi(doc: Json, version: string): ImportedDocument {
  const warnings: string[] = [];
  const servers = (Array.isArray(doc.servers) ? doc.servers : []).filter(isObject).map(serverUrl).filter((url): url is string => !!url);
  const relative = (Array.isArray(doc.servers) ? doc.servers : []).filter(isObject).some((s) => typeof s.url === "string" && !/^https?:\/\//i.test(serverUrl(s) ?? ""));
  if (!servers.length) warnings.push(relative ? "The document's servers are relative: set the API's base URL." : "The document names no server: set the API's base URL.");
  const schemes = isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const auth = readSchemes(schemes, warnings);
  const operations = readOperations(doc, warnings, (operation, method, path, shared) => {
    const parameters = mergeParameters(shared, operation.parameters);
    const requestBody = isObject(operation.requestBody) ? operation.requestBody : undefined;
    return {
      parameters: readParameters(parameters, warnings, `${method} ${path}`),
      body: requestBody ? readContentBody(requestBody) : undefined,
      output: responseSchema(operation.responses, (response) => contentSchema(response.content)),
    };
  });
  return { ...info(doc), format: `OpenAPI ${version}`, servers, auth, operations, warnings: summarise(warnings) };
}

function readSwagger(doc: Json): ImportedDocument {
  const warnings: string[] = [];
  const host = typeof doc.host === "string" ? doc.host : "";
  const schemes = Array.isArray(doc.schemes) && doc.schemes.length ? doc.schemes.map(String) : ["https"];
  const basePath = typeof doc.basePath === "string" ? doc.basePath : "";
  const servers = host ? [`${schemes.includes("https") ? "https" : schemes[0]}://${host}${basePath}`.replace(/\/+$/, "")] : [];
  if (!servers.length) warnings.push("The document names no host: set the API's base URL.");
  const auth = readSchemes(isObject(doc.securityDefinitions) ? doc.securityDefinitions : {}, warnings);
  const consumes = Array.isArray(doc.consumes) ? doc.consumes.map(String) : [];
  const operations = readOperations(doc, warnings, (operation, method, path, shared) => {
    const parameters = mergeParameters(shared, operation.parameters);
    const bodyParameter = parameters.find((p) => p.in === "body");
    const formParameters = parameters.filter((p) => p.in === "formData");
    const types = Array.isArray(operation.consumes) ? operation.consumes.map(String) : consumes;
    let body: ApiOperation["body"];
    if (bodyParameter) {
      body = { type: "json", contentType: "application/json", required: bodyParameter.required === true, schema: trim(bodyParameter.schema) };
    } else if (formParameters.length) {
      const multipart = types.includes("multipart/form-data") && !types.includes("application/x-www-form-urlencoded");
      body = {
        type: multipart ? "multipart" : "form",
        contentType: multipart ? "multipart/form-data" : "application/x-www-form-urlencoded",
        required: formParameters.some((p) => p.required === true),
        schema: {
          type: "object",
          properties: Object.fromEntries(formParameters.map((p) => [String(p.name), trim(swaggerParameterSchema(p))])),
          required: formParameters.filter((p) => p.required === true).map((p) => String(p.name)),
        },
      };
    }
    const plain = parameters.filter((p) => p.in !== "body" && p.in !== "formData").map((p) => ({ ...p, schema: swaggerParameterSchema(p) }));
    return {
      parameters: readParameters(plain, warnings, `${method} ${path}`),
      body,
      output: responseSchema(operation.responses, (response) => (isObject(response.schema) ? response.schema : undefined)),
    };
  });
  return { ...info(doc), format: "Swagger 2.0", servers, auth, operations, warnings: summarise(warnings) };
}

function info(doc: Json): Pick<ImportedDocument, "title" | "version" | "description"> {
  const block = isObject(doc.info) ? doc.info : {};
  const description = typeof block.description === "string" ? clip(block.description) : undefined;
  return { title: typeof block.title === "string" && block.title.trim() ? block.title.trim().slice(0, 200) : "API", version: typeof block.version === "string" ? block.version.slice(0, 100) : "", ...(description ? { description } : {}) };
}

type OperationParts = Pick<ApiOperation, "parameters" | "body" | "output">;

function readOperations(doc: Json, warnings: string[], parts: (operation: Json, method: ApiMethod, path: string, shared: unknown) => OperationParts): ApiOperation[] {
  const operations: ApiOperation[] = [];
  const keys = new Set<string>();
  const globalSecurity = doc.security;
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    if (!isObject(item)) continue;
    for (const method of API_METHODS) {
      const operation = item[method.toLowerCase()];
      if (!isObject(operation)) continue;
      const id = typeof operation.operationId === "string" && operation.operationId.trim() ? operation.operationId.trim() : `${method} ${path}`;
      let key = id;
      for (let n = 2; keys.has(key); n++) key = `${id}_${n}`;
      if (key !== id) warnings.push(`operationId "${id}" is used twice; the second is "${key}".`);
      keys.add(key);
      const summary = typeof operation.summary === "string" && operation.summary.trim() ? operation.summary.trim() : id;
      const description = typeof operation.description === "string" && operation.description.trim() ? clip(operation.description.trim()) : undefined;
      const tags = Array.isArray(operation.tags) ? operation.tags.filter((t): t is string => typeof t === "string" && !!t.trim()) : [];
      operations.push({
        key,
        method,
        path,
        summary: summary.slice(0, 200),
        ...(description ? { description } : {}),
        tag: tags[0]?.trim() ?? "Other",
        ...(operation.deprecated === true ? { deprecated: true } : {}),
        ...withPaging(method, parts(operation, method, path, item.parameters), declaresLinkHeader(operation.responses)),
        security: securityOf(operation.security ?? globalSecurity),
      });
    }
  }
  return operations;
}

function withPaging(method: ApiMethod, parts: OperationParts, linkHeader: boolean): OperationParts & Pick<ApiOperation, "paging"> {
  const paging = detectPaging(method, parts.parameters, parts.output, linkHeader);
  return paging ? { ...parts, paging } : parts;
}

/** Whether a success response declares a `Link` header (in 3.x and in Swagger 2.0 alike). */
function declaresLinkHeader(responses: unknown): boolean {
  if (!isObject(responses)) return false;
  return Object.entries(responses).some(([code, response]) => /^2/.test(code) && isObject(response) && isObject(response.headers) && Object.keys(response.headers).some((name) => name.toLowerCase() === "link"));
}

/** Path-level parameters with the operation's own overriding those of the same name and place. */
function mergeParameters(shared: unknown, own: unknown): Json[] {
  const list = [...listIn(shared), ...listIn(own)].filter(isObject);
  const byKey = new Map<string, Json>();
  for (const parameter of list) byKey.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
  return [...byKey.values()];
}

function readParameters(parameters: Json[], warnings: string[], where: string): ApiParameter[] {
  const out: ApiParameter[] = [];
  for (const parameter of parameters) {
    const place = parameter.in;
    if (typeof parameter.name !== "string") continue;
    if (place !== "path" && place !== "query" && place !== "header") {
      warnings.push(`${where}: the ${String(place)} parameter "${parameter.name}" is not sent.`);
      continue;
    }
    const description = typeof parameter.description === "string" ? clip(parameter.description) : undefined;
    out.push({
      name: parameter.name,
      in: place,
      required: place === "path" || parameter.required === true,
      ...(description ? { description } : {}),
      schema: trim(isObject(parameter.schema) ? parameter.schema : contentSchema(parameter.content) ?? {}, 2),
      ...(place === "query" && (parameter.explode === false || parameter.collectionFormat === "csv" || (parameter.collectionFormat === undefined && parameter.type === "array")) ? { explode: false } : {}),
    });
  }
  return out;
}

/** Swagger 2.0 keeps a non-body parameter's schema on the parameter itself. */
function swaggerParameterSchema(parameter: Json): Json {
  const { type, format, items, enum: values, default: fallback, description } = parameter;
  return { type: type === "file" ? "string" : type, format: type === "file" ? "binary" : format, items, enum: values, default: fallback, description };
}

const BODY_TYPES: { match: (type: string) => boolean; type: NonNullable<ApiOperation["body"]>["type"] }[] = [
  { match: (t) => t === "application/json" || /\+json$/.test(t) || t === "*/*", type: "json" },
  { match: (t) => t === "application/x-www-form-urlencoded", type: "form" },
  { match: (t) => t === "multipart/form-data", type: "multipart" },
  { match: (t) => t.startsWith("text/") || t === "application/xml", type: "text" },
];

/** The request body in the first content type we can send: JSON, a form, multipart or text. */
function readContentBody(requestBody: Json): ApiOperation["body"] {
  const content = isObject(requestBody.content) ? requestBody.content : {};
  const types = Object.keys(content);
  for (const candidate of BODY_TYPES) {
    const contentType = types.find((t) => candidate.match(t.split(";")[0].trim().toLowerCase()));
    if (!contentType) continue;
    const media = content[contentType];
    const schema = isObject(media) && isObject(media.schema) ? trim(media.schema) : {};
    return { type: candidate.type, contentType: contentType === "*/*" ? "application/json" : contentType, required: requestBody.required === true, schema };
  }
  return undefined;
}

function contentSchema(content: unknown): Json | undefined {
  if (!isObject(content)) return undefined;
  const type = Object.keys(content).find((t) => /json/i.test(t)) ?? Object.keys(content)[0];
  const media = type ? content[type] : undefined;
  return isObject(media) && isObject(media.schema) ? media.schema : undefined;
}

/** The schema of the first successful response that has one (200, 201, 2XX, …, default). */
function responseSchema(responses: unknown, schemaOf: (response: Json) => Json | undefined): ApiSchema | undefined {
  if (!isObject(responses)) return undefined;
  const codes = Object.keys(responses).filter((code) => /^2/.test(code)).sort();
  for (const code of [...codes, "default"]) {
    const response = responses[code];
    const schema = isObject(response) ? schemaOf(response) : undefined;
    if (schema) return trim(schema, MAX_DEPTH, false);
  }
  return undefined;
}

function securityOf(requirements: unknown): string[] {
  if (!Array.isArray(requirements)) return [];
  // An empty requirement ({}) makes authentication optional.
  if (requirements.some((r) => isObject(r) && !Object.keys(r).length)) return [];
  return [...new Set(requirements.filter(isObject).flatMap((r) => Object.keys(r)))];
}

function readSchemes(schemes: Json, warnings: string[]): ApiAuth[] {
  const out: ApiAuth[] = [];
  for (const [scheme, raw] of Object.entries(schemes)) {
    if (!isObject(raw)) continue;
    const description = typeof raw.description === "string" ? clip(raw.description) : "";
    const add = (type: ApiAuth["type"], config: Record<string, string>, fallback: string) => out.push({ scheme, type, config, description: description || fallback });
    const kind = String(raw.type);
    const httpScheme = String(raw.scheme ?? "").toLowerCase();
    if (kind === "apiKey" && (raw.in === "header" || raw.in === "query") && typeof raw.name === "string") {
      add("apiKey", { in: String(raw.in), name: raw.name }, `An API key sent in the “${raw.name}” ${raw.in === "header" ? "header" : "query parameter"}.`);
    } else if ((kind === "http" && httpScheme === "bearer") || (kind === "oauth2" && !isObject(raw.flows) && !raw.flow)) {
      add("bearer", {}, "A bearer token.");
    } else if (kind === "basic" || (kind === "http" && httpScheme === "basic")) {
      add("basic", {}, "A user name and password (HTTP Basic).");
    } else if (kind === "oauth2") {
      const flows = isObject(raw.flows) ? raw.flows : { [String(raw.flow)]: raw };
      const code = flows.authorizationCode ?? flows.accessCode;
      const client = flows.clientCredentials ?? flows.application;
      if (isObject(code)) {
        add("oauth2Code", pick({ authorizeUrl: code.authorizationUrl, tokenUrl: code.tokenUrl, scope: scopesOf(code.scopes) }), "Sign in to the app (OAuth2).");
      }
      if (isObject(client)) add("oauth2", pick({ tokenUrl: client.tokenUrl, scope: scopesOf(client.scopes) }), "OAuth2 client credentials.");
      if (!isObject(code) && !isObject(client)) add("bearer", {}, "An OAuth2 access token, pasted as a bearer token.");
    } else {
      warnings.push(`The security scheme "${scheme}" (${kind}${httpScheme ? ` ${httpScheme}` : ""}) has no connection type: use a connection of another kind.`);
    }
  }
  return out;
}

function scopesOf(scopes: unknown): string {
  return isObject(scopes) ? Object.keys(scopes).join(" ") : "";
}

function pick(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""));
}

function serverUrl(server: Json): string | undefined {
  if (typeof server.url !== "string") return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && variable.default !== undefined ? String(variable.default) : whole;
  });
  return /^https?:\/\/[^{}\s]+$/i.test(url) ? url.replace(/\/+$/, "") : undefined;
}

const SCHEMA_TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

/**
 * A schema cut to what forms and outputs read, with allOf merged and a one-of picked (its first
 * non-null choice); `depth` bounds nesting, which also ends recursive schemas. Output schemas
 * drop descriptions: they are only field names for autocomplete.
 */
function trim(value: unknown, depth = MAX_DEPTH, describe = true, seen = new Set<unknown>()): ApiSchema {
  if (!isObject(value) || seen.has(value)) return {};
  const source = merged(value, seen);
  const out: ApiSchema = {};
  const types = Array.isArray(source.type) ? source.type.filter((t) => t !== "null") : source.type !== undefined ? [source.type] : [];
  if (types.length === 1 && SCHEMA_TYPES.has(String(types[0]))) out.type = types[0] as ApiSchema["type"];
  else if (!types.length && isObject(source.properties)) out.type = "object";
  if (Array.isArray(source.type) && source.type.includes("null")) out.nullable = true;
  if (source.nullable === true) out.nullable = true;
  if (typeof source.format === "string") out.format = source.format;
  if (describe && typeof source.title === "string") out.title = source.title.slice(0, 120);
  if (describe && typeof source.description === "string") out.description = clip(source.description);
  if (Array.isArray(source.enum)) {
    const values = source.enum.filter((v): v is string | number | boolean | null => v === null || ["string", "number", "boolean"].includes(typeof v));
    if (values.length && values.length <= MAX_ENUM) out.enum = values;
  }
  if (describe && source.default !== undefined && typeof source.default !== "object") out.default = source.default;
  if (depth <= 0) return out;
  const inner = new Set(seen).add(value);
  if (isObject(source.properties)) {
    out.properties = Object.fromEntries(Object.entries(source.properties).map(([key, property]) => [key, trim(property, depth - 1, describe, inner)]));
    const required = Array.isArray(source.required) ? source.required.filter((r): r is string => typeof r === "string" && r in out.properties!) : [];
    if (required.length) out.required = required;
  }
  if (isObject(source.items)) out.items = trim(source.items, depth - 1, describe, inner);
  if (source.additionalProperties === true) out.additionalProperties = true;
  else if (isObject(source.additionalProperties)) out.additionalProperties = trim(source.additionalProperties, depth - 1, describe, inner);
  return out;
}

/** allOf parts merged into one schema; a oneOf/anyOf replaced by its first non-null choice. */
function merged(schema: Json, seen: Set<unknown>): Json {
  let out: Json = { ...schema };
  const choices = (Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : []).filter(isObject);
  if (choices.length) {
    const nonNull = choices.filter((c) => c.type !== "null");
    if (nonNull.length < choices.length) out.nullable = true;
    if (nonNull[0] && !seen.has(nonNull[0])) out = { ...merged(nonNull[0], seen), ...withoutCombinators(out) };
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf.filter(isObject)) {
      if (seen.has(part)) continue;
      const piece = merged(part, seen);
      out = {
        ...piece,
        ...withoutCombinators(out),
        properties: { ...(isObject(piece.properties) ? piece.properties : {}), ...(isObject(out.properties) ? out.properties : {}) },
        required: [...listIn(piece.required), ...listIn(out.required)],
      };
      if (!Object.keys(out.properties as Json).length) delete out.properties;
    }
  }
  return out;
}

function withoutCombinators(schema: Json): Json {
  const { allOf: _allOf, oneOf: _oneOf, anyOf: _anyOf, ...rest } = schema;
  return rest;
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** Repeated warnings of one kind are counted rather than listed. */
function summarise(warnings: string[]): string[] {
  return warnings.length > 20 ? [...warnings.slice(0, 20), `… and ${warnings.length - 20} more.`] : warnings;
}

function listIn(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
