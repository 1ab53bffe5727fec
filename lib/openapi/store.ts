import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { ApiError, invalid, notFound } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { jsonShapeProblem } from "@/lib/json-shape";
import { ApiImportError, importDocument, isObject, MAX_DOCUMENT_BYTES, type Json } from "./import";
import { API_OPERATION_TYPE, apiOperationSchema, type ApiAuth, type ApiOperation, type ApiSummary, type ImportedDocument, type ReimportReport } from "./model";

/**
 * Imported APIs of a workspace (every query is scoped to it). An import stores the API and one
 * row per operation in one transaction; re-importing replaces the operations in one transaction
 * and reports the workflow nodes that use an operation the new document no longer has.
 */

const baseUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((url) => /^https?:\/\/[^\s]+$/i.test(url) && URL.canParse(url), "Use an http:// or https:// URL");

const importSchema = z
  .object({
    document: z.union([z.string().min(1, "Paste or upload the OpenAPI document"), z.record(z.string(), z.unknown())]),
    name: z.string().trim().max(120).optional(),
    baseUrl: baseUrlSchema.optional(),
  })
  .strict();

const updateSchema = z
  .object({
    name: z.string().trim().min(1, "Give the API a name").max(120).optional(),
    baseUrl: baseUrlSchema.optional(),
  })
  .strict();

const reimportSchema = z.object({ document: importSchema.shape.document }).strict();

/** A POST or PUT body: `{ document, name?, baseUrl? }` as JSON, or the document itself (JSON or YAML). */
export function importInput(text: string, query: URLSearchParams): unknown {
  let document: string | Json = text;
  if (text.trimStart().startsWith("{") && Buffer.byteLength(text) <= MAX_DOCUMENT_BYTES) {
    try {
      const body = JSON.parse(text) as unknown;
      if (isObject(body) && "document" in body) return body;
      if (isObject(body)) document = body;
    } catch {
      // Not JSON after all: the import reads it as YAML and says what is wrong.
    }
  }
  return { document, ...(query.get("name") ? { name: query.get("name") } : {}), ...(query.get("baseUrl") ? { baseUrl: query.get("baseUrl") } : {}) };
}

async function read(source: string | Json): Promise<ImportedDocument> {
  let doc: ImportedDocument;
  try {
    doc = await importDocument(source);
  } catch (error) {
    if (error instanceof ApiImportError) throw new ApiError(400, "The OpenAPI document cannot be imported", [{ path: "document", message: error.message }]);
    throw error;
  }
  const problem = jsonShapeProblem(doc);
  if (problem) throw new ApiError(400, "The OpenAPI document cannot be imported", [{ path: "document", message: `${problem.path}: ${problem.message}` }]);
  return doc;
}

function operationRows(apiId: string, operations: ApiOperation[]) {
  return operations.map((operation) => ({ apiId, key: operation.key, method: operation.method, path: operation.path, summary: operation.summary, tag: operation.tag, deprecated: operation.deprecated ?? false, definition: operation as object }));
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

async function insertOperations(tx: Tx, apiId: string, operations: ApiOperation[]) {
  const rows = operationRows(apiId, operations);
  for (let i = 0; i < rows.length; i += 500) await tx.importedApiOperation.createMany({ data: rows.slice(i, i + 500) });
}

export async function importApi(workspaceId: string, input: unknown): Promise<ApiSummary> {
  const parsed = importSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "Invalid API import");
  const doc = await read(parsed.data.document);
  const baseUrl = parsed.data.baseUrl ?? doc.servers[0] ?? "";
  const id = newId("api");
  await db().$transaction(async (tx) => {
    await tx.importedApi.create({
      data: { id, workspaceId, name: parsed.data.name || doc.title, title: doc.title, version: doc.version, format: doc.format, baseUrl, servers: doc.servers, auth: doc.auth as object, warnings: doc.warnings },
    });
    await insertOperations(tx, id, doc.operations);
  });
  return getApi(workspaceId, id);
}

/** Replaces the API's operations with those of a new version of its document; a base URL the user set stays. */
export async function reimportApi(workspaceId: string, id: string, input: unknown): Promise<{ api: ApiSummary; report: ReimportReport }> {
  const parsed = reimportSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "Invalid API import");
  const existing = await db().importedApi.findFirst({ where: { id, workspaceId }, include: { operations: { select: { key: true, definition: true } } } });
  if (!existing) throw notFound("API");
  const doc = await read(parsed.data.document);
  const before = new Map(existing.operations.map((o) => [o.key, o.definition]));
  const after = new Set(doc.operations.map((o) => o.key));
  const removed = [...before.keys()].filter((key) => !after.has(key));
  const added = doc.operations.filter((o) => !before.has(o.key)).length;
  // Compared as values: PostgreSQL's jsonb does not keep key order.
  const changed = doc.operations.filter((o) => before.has(o.key) && !isDeepStrictEqual(before.get(o.key), JSON.parse(JSON.stringify(o)))).length;
  const userBaseUrl = existing.baseUrl !== ((existing.servers as string[])[0] ?? "");
  await db().$transaction(async (tx) => {
    await tx.importedApi.update({
      where: { id },
      data: { title: doc.title, version: doc.version, format: doc.format, servers: doc.servers, auth: doc.auth as object, warnings: doc.warnings, ...(userBaseUrl ? {} : { baseUrl: doc.servers[0] ?? existing.baseUrl }) },
    });
    await tx.importedApiOperation.deleteMany({ where: { apiId: id } });
    await insertOperations(tx, id, doc.operations);
  });
  return { api: await getApi(workspaceId, id), report: { added, changed, removed, affected: await nodesUsing(workspaceId, id, new Set(removed)) } };
}

/** Workflow nodes (published or in a draft) that run one of `operations` of the API. */
async function nodesUsing(workspaceId: string, apiId: string, operations: Set<string>): Promise<ReimportReport["affected"]> {
  if (!operations.size) return [];
  const workflows = await db().workflow.findMany({ where: { workspaceId }, select: { id: true, name: true, document: true, draft: true } });
  const affected: ReimportReport["affected"] = [];
  for (const workflow of workflows) {
    const seen = new Set<string>();
    for (const doc of [workflow.draft, workflow.document]) {
      const nodes = (doc as { nodes?: { id: string; type: string; config?: Record<string, unknown> }[] } | null)?.nodes ?? [];
      for (const node of nodes) {
        const operation = node.config?.operation;
        if (node.type !== API_OPERATION_TYPE || node.config?.api !== apiId || typeof operation !== "string" || !operations.has(operation) || seen.has(node.id)) continue;
        seen.add(node.id);
        affected.push({ workflowId: workflow.id, workflowName: workflow.name, nodeId: node.id, operation });
      }
    }
  }
  return affected;
}

export async function updateApi(workspaceId: string, id: string, input: unknown): Promise<ApiSummary> {
  const parsed = updateSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "Invalid API settings");
  const { count } = await db().importedApi.updateMany({ where: { id, workspaceId }, data: parsed.data });
  if (!count) throw notFound("API");
  return getApi(workspaceId, id);
}

export async function deleteApi(workspaceId: string, id: string): Promise<void> {
  const { count } = await db().importedApi.deleteMany({ where: { id, workspaceId } });
  if (!count) throw notFound("API");
}

const summarySelect = { key: true, method: true, path: true, summary: true, tag: true, deprecated: true } as const;

type ApiRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["importedApi"]["findFirst"]>>>;

function present(row: ApiRow, operations: ApiSummary["operations"]): ApiSummary {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    version: row.version,
    format: row.format,
    baseUrl: row.baseUrl,
    servers: row.servers as string[],
    auth: row.auth as ApiAuth[],
    warnings: row.warnings as string[],
    updatedAt: row.updatedAt.toISOString(),
    operations: operations.map((o) => ({ key: o.key, method: o.method, path: o.path, summary: o.summary, tag: o.tag, ...(o.deprecated ? { deprecated: true } : {}) })),
  };
}

export async function listApis(workspaceId: string): Promise<ApiSummary[]> {
  const rows = await db().importedApi.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, include: { operations: { select: summarySelect, orderBy: [{ tag: "asc" }, { path: "asc" }] } } });
  return rows.map((row) => present(row, row.operations as ApiSummary["operations"]));
}

export async function getApi(workspaceId: string, id: string): Promise<ApiSummary> {
  const row = await db().importedApi.findFirst({ where: { id, workspaceId }, include: { operations: { select: summarySelect, orderBy: [{ tag: "asc" }, { path: "asc" }] } } });
  if (!row) throw notFound("API");
  return present(row, row.operations as ApiSummary["operations"]);
}

/** One operation with what calling it needs: the API's name, base URL and auth. Undefined when the API or the operation is gone. */
export async function findOperation(workspaceId: string, apiId: string, key: string): Promise<{ api: { id: string; name: string; baseUrl: string; auth: ApiAuth[]; updatedAt: string }; operation: ApiOperation | undefined } | undefined> {
  const api = await db().importedApi.findFirst({ where: { id: apiId, workspaceId }, select: { id: true, name: true, baseUrl: true, auth: true, updatedAt: true } });
  if (!api) return undefined;
  const row = await db().importedApiOperation.findUnique({ where: { apiId_key: { apiId, key } }, select: { definition: true } });
  return { api: { ...api, auth: api.auth as ApiAuth[], updatedAt: api.updatedAt.toISOString() }, operation: row ? apiOperationSchema.parse(row.definition) : undefined };
}
