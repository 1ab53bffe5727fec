import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";
import addFormats from "ajv-formats";
import type { SchemaValidationResult } from "@/lib/nodes/transform-contract";

/**
 * JSON Schema validation for `transform.validate` with Ajv: draft-07 by default, 2019-09 or
 * 2020-12 when the schema's `$schema` says so, standard formats (email, date-time, uri, uuid...)
 * from ajv-formats. Remote `$ref`s are never fetched. Compiled schemas are cached by their text.
 */

const OPTIONS = { allErrors: true, strict: false } as const;

let validators: { draft7: Ajv; draft2019: Ajv2019; draft2020: Ajv2020 } | undefined;
function ajvFor(schema: unknown): Ajv | Ajv2019 | Ajv2020 {
  if (!validators) {
    const draft7 = new Ajv(OPTIONS);
    draft7.addMetaSchema(draft06);
    validators = { draft7, draft2019: new Ajv2019(OPTIONS), draft2020: new Ajv2020(OPTIONS) };
    for (const ajv of Object.values(validators)) addFormats(ajv);
  }
  const dialect = schema && typeof schema === "object" ? String((schema as { $schema?: unknown }).$schema ?? "") : "";
  if (dialect.includes("2020-12")) return validators.draft2020;
  if (dialect.includes("2019-09")) return validators.draft2019;
  return validators.draft7;
}

const compiled = new Map<string, { validate: ValidateFunction; ajv: Ajv | Ajv2019 | Ajv2020; schema: object | boolean }>();
const CACHE_LIMIT = 200;

export class SchemaCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaCompileError";
  }
}

function compile(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = compiled.get(key);
  if (cached) return cached.validate;
  if (typeof schema !== "boolean" && (!schema || typeof schema !== "object" || Array.isArray(schema))) {
    throw new SchemaCompileError("The schema must be a JSON object");
  }
  // `$id`s would clash between schemas compiled by the same Ajv instance; each schema stands alone.
  const standalone = JSON.parse(JSON.stringify(typeof schema === "object" ? { ...schema, $id: undefined } : schema)) as object | boolean;
  const ajv = ajvFor(schema);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(standalone);
  } catch (error) {
    throw new SchemaCompileError(`The JSON Schema is not valid: ${(error as Error).message}`);
  }
  if (compiled.size >= CACHE_LIMIT) {
    const [oldest, entry] = compiled.entries().next().value!;
    compiled.delete(oldest);
    if (typeof entry.schema === "object") entry.ajv.removeSchema(entry.schema);
  }
  compiled.set(key, { validate, ajv, schema: standalone });
  return validate;
}

export function validateJsonSchema(schema: unknown, data: unknown): SchemaValidationResult {
  const validate = compile(schema);
  if (validate(data)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map(toIssue);
  const seen = new Set<string>();
  return { valid: false, errors: errors.filter((e) => !seen.has(`${e.path}\0${e.message}`) && seen.add(`${e.path}\0${e.message}`)) };
}

/** Ajv's `/items/0/email` + "must have required property 'email'" → `items.0.email` + "is required". */
function toIssue(error: ErrorObject): { path: string; message: string } {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let message = error.message ?? "is invalid";
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    segments.push(params.missingProperty);
    message = "is required";
  } else if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    segments.push(params.additionalProperty);
    message = "is not allowed";
  } else if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    message = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return { path: segments.join("."), message };
}
