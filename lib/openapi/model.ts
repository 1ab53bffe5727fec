import { z } from "zod";

/**
 * An API imported from its OpenAPI document (lib/openapi/import.ts), as stored and as the editor
 * reads it: the operations with their parameters, body and response schemas, the base URL and
 * the ways the API authenticates. One shape for the server, the API and the client. Schemas are
 * the documents' own JSON Schemas with every `$ref` resolved, cut to what forms and outputs use
 * and to a bounded depth (recursive schemas end in an untyped value).
 */

export const API_METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;
export type ApiMethod = (typeof API_METHODS)[number];

export interface ApiSchema {
  type?: "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";
  format?: string;
  title?: string;
  description?: string;
  enum?: (string | number | boolean | null)[];
  default?: unknown;
  nullable?: boolean;
  properties?: Record<string, ApiSchema>;
  required?: string[];
  items?: ApiSchema;
  /** A map of values: `true`, or the schema of each value. */
  additionalProperties?: ApiSchema | true;
}

const apiSchema: z.ZodType<ApiSchema> = z.lazy(() =>
  z.object({
    type: z.enum(["string", "number", "integer", "boolean", "object", "array", "null"]).optional(),
    format: z.string().optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    enum: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    default: z.unknown().optional(),
    nullable: z.boolean().optional(),
    properties: z.record(z.string(), apiSchema).optional(),
    required: z.array(z.string()).optional(),
    items: apiSchema.optional(),
    additionalProperties: z.union([apiSchema, z.literal(true)]).optional(),
  }),
);

export const apiParameterSchema = z.object({
  name: z.string(),
  in: z.enum(["path", "query", "header"]),
  required: z.boolean(),
  description: z.string().optional(),
  schema: apiSchema,
  /** Lists in the query as the key repeated (`tag=a&tag=b`, OpenAPI's default) or comma-separated. */
  explode: z.boolean().optional(),
});
export type ApiParameter = z.infer<typeof apiParameterSchema>;

export const API_BODY_TYPES = ["json", "form", "multipart", "text"] as const;

/** How a list operation's pages follow each other, as read from its document (lib/openapi/paging.ts). */
export const apiPagingSchema = z.object({
  /** The dotted path of the answer's list of items; "" when the answer is the list. */
  items: z.string(),
  next: z.discriminatedUnion("kind", [
    /** The `Link` header's rel="next". */
    z.object({ kind: z.literal("link") }),
    /** A next URL at this path of the body. */
    z.object({ kind: z.literal("url"), path: z.string() }),
    /** The next cursor at this path of the body, sent back in the query parameter `param`. */
    z.object({ kind: z.literal("cursor"), path: z.string(), param: z.string() }),
  ]),
});
export type ApiPaging = z.infer<typeof apiPagingSchema>;

export const apiOperationSchema = z.object({
  /** The operationId, or "METHOD /path" when the document gives none; unique within the API. */
  key: z.string(),
  method: z.enum(API_METHODS),
  /** With `{name}` placeholders for path parameters. */
  path: z.string(),
  summary: z.string(),
  description: z.string().optional(),
  /** The operation's first tag ("Other" when untagged): the palette groups by it. */
  tag: z.string(),
  deprecated: z.boolean().optional(),
  parameters: z.array(apiParameterSchema),
  body: z.object({ type: z.enum(API_BODY_TYPES), contentType: z.string(), required: z.boolean(), schema: apiSchema }).optional(),
  /** The schema of a successful JSON answer. */
  output: apiSchema.optional(),
  /** Names of the security schemes the operation accepts; empty when it needs none. */
  security: z.array(z.string()),
  /** Set on list operations whose paging the document shows: the node offers "All pages". */
  paging: apiPagingSchema.optional(),
});
export type ApiOperation = z.infer<typeof apiOperationSchema>;

/** The connection types an imported API can authenticate with. */
export const API_AUTH_TYPES = ["apiKey", "bearer", "basic", "oauth2", "oauth2Code"] as const;

/** How an API authenticates, as a connection type with the settings "New connection" fills in. */
export const apiAuthSchema = z.object({
  /** The scheme's name in the document (`components.securitySchemes`). */
  scheme: z.string(),
  type: z.enum(API_AUTH_TYPES),
  description: z.string(),
  config: z.record(z.string(), z.string()),
});
export type ApiAuth = z.infer<typeof apiAuthSchema>;

/** What an import reads from a document. */
export interface ImportedDocument {
  title: string;
  version: string;
  description?: string;
  /** The document's format: "OpenAPI 3.1.0", "Swagger 2.0". */
  format: string;
  /** Absolute server URLs from `servers` (or Swagger's host and basePath), the first being the default. */
  servers: string[];
  auth: ApiAuth[];
  operations: ApiOperation[];
  /** What the import could not represent (cookie parameters, relative servers…), in words. */
  warnings: string[];
}

/** An imported API as listed: the palette's operations without their schemas. */
export interface ApiSummary {
  id: string;
  name: string;
  title: string;
  version: string;
  format: string;
  baseUrl: string;
  servers: string[];
  auth: ApiAuth[];
  warnings: string[];
  updatedAt: string;
  operations: OperationSummary[];
}

export type OperationSummary = Pick<ApiOperation, "key" | "method" | "path" | "summary" | "tag" | "deprecated">;

/** What re-importing changed, and the workflow nodes that use an operation the new version no longer has. */
export interface ReimportReport {
  added: number;
  changed: number;
  removed: string[];
  affected: { workflowId: string; workflowName: string; nodeId: string; operation: string }[];
}

/** The connection types that authenticate the API; every HTTP kind when it declares none. */
export function apiConnectionTypes(auth: ApiAuth[]): ApiAuth["type"][] {
  const types = [...new Set(auth.map((a) => a.type))];
  return types.length ? types : [...API_AUTH_TYPES];
}

/** The node type that runs an imported operation (lib/nodes/action-api-operation.ts). */
export const API_OPERATION_TYPE = "api.operation";

/** Props of a node freshly added for an operation. */
export function operationNodeConfig(apiId: string, operation: string): Record<string, unknown> {
  return { api: apiId, operation, connectionId: "", parameters: {} };
}
