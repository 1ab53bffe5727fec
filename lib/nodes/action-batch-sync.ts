import { RefreshCcwDot } from "lucide-react";
import { z } from "zod";
import { evaluate } from "@/lib/document/expressions";
import { rowStatements, type SqlDialect } from "@/lib/database/statements";
import { NodeError } from "./errors";
import { connectionField, optionalConnectionField, valueAtPath } from "./outbound-fields";
import { defineNode, type NodeServices } from "./types";

const HTTP_CONNECTIONS = ["apiKey", "bearer", "basic", "oauth2", "hmac"];
const DATABASES = ["postgres", "mysql"];
/** The workspace store's namespace for sync cursors (visible and editable like any stored value). */
const SYNC_CURSOR_NAMESPACE = "batch-sync";

/**
 * Batch sync, the data-warehouse pattern: reads the records changed since a stored cursor from an
 * API (page by page, `?since=<cursor>&limit=<page size>`) or a database query, optionally reshapes
 * each with JSONata, and upserts them into a destination table, one page per transaction. The
 * cursor (the last record's cursor field) is stored after each page commits, so a crash or a retry
 * resumes after the last committed page; the page that was in flight is read and upserted again,
 * which the upsert makes harmless: no row is lost or duplicated. See docs/batch-sync.md.
 * Output: `{ rows, batches, cursor, done, cursorKey }`.
 */
export const batchSyncAction = defineNode({
  type: "action.batch-sync",
  kind: "step",
  category: "action",
  label: "Batch sync",
  description: "Copy records changed since the last sync from an API or a database into a table, batch by batch, resuming where it stopped.",
  icon: RefreshCcwDot,
  config: z
    .object({
      source: z.enum(["http", "database"]).default("http").meta({ title: "Read from", description: "An HTTP API that lists records changed after a cursor, or a database query." }),
      url: z.string().trim().optional().meta({ title: "API URL", description: "Lists records in cursor order, e.g. https://api.example.com/orders.", showWhen: { source: ["http"] } }),
      connectionId: optionalConnectionField(HTTP_CONNECTIONS, "The API's credentials (applied on the server)."),
      sinceParam: z.string().trim().default("since").meta({ title: "Cursor parameter", description: "The query parameter that asks for records after the cursor.", showWhen: { source: ["http"] } }),
      limitParam: z.string().trim().default("limit").meta({ title: "Page size parameter", showWhen: { source: ["http"] } }),
      itemsPath: z.string().trim().default("data").meta({ title: "Items path", description: 'Where a page\'s records are in the answer, e.g. "data" (empty: the answer is the list).', showWhen: { source: ["http"] } }),
      sourceConnectionId: optionalConnectionField(DATABASES, "The database to read from."),
      sourceQuery: z
        .string()
        .max(100_000)
        .optional()
        .meta({
          title: "Source query",
          description: "Records after the cursor in cursor order, at most the page size: the cursor and the page size are its two parameters, e.g. SELECT * FROM orders WHERE updated_at > $1 ORDER BY updated_at LIMIT $2 (? marks on MySQL).",
          widget: "textarea",
          showWhen: { source: ["database"] },
        }),
      cursorField: z.string().trim().min(1, "Name the field the cursor comes from").default("updated_at").meta({ title: "Cursor field", description: "A field that increases with every change (an update time or a sequence); the last record's value is the next cursor." }),
      initialCursor: z.string().optional().meta({ title: "Start from", description: "The cursor of the first sync (empty for an API: from the beginning)." }),
      mapping: z.string().trim().optional().meta({ title: "Row mapping", description: "Optional JSONata that turns each record (input) into the row to write, e.g. { \"id\": input.id, \"total\": input.amount / 100 }.", widget: "jsonata" }),
      destinationConnectionId: connectionField(DATABASES, "The database to write to."),
      table: z.string().trim().min(1, "Name the destination table").meta({ title: "Destination table" }),
      keyColumns: z.string().trim().min(1, "Name the key columns rows are matched by").default("id").meta({ title: "Key columns", description: "Comma-separated: a primary or unique key of the table." }),
      pageSize: z.number().int().min(1).max(5000).default(500).meta({ title: "Records per batch" }),
      maxBatches: z.number().int().min(1).max(100_000).default(200).meta({ title: "Batches per run", description: "A run stops after this many; the next one continues from the cursor." }),
      timeoutMs: z.number().int().min(100).max(600_000).default(30_000).meta({ title: "Statement timeout (ms)" }),
      cursorKey: z.string().trim().max(200).optional().meta({ title: "Cursor key", description: "Where the cursor is stored (workspace store, namespace batch-sync). Empty: this workflow and node." }),
    })
    .superRefine((config, ctx) => {
      if (config.source === "http" && !config.url) ctx.addIssue({ code: "custom", path: ["url"], message: "Enter the API URL" });
      if (config.source === "database" && !config.sourceConnectionId) ctx.addIssue({ code: "custom", path: ["sourceConnectionId"], message: "Choose the database to read from" });
      if (config.source === "database" && !config.sourceQuery?.trim()) ctx.addIssue({ code: "custom", path: ["sourceQuery"], message: "Write the source query" });
      if (config.source === "database" && !config.initialCursor) ctx.addIssue({ code: "custom", path: ["initialCursor"], message: "Give the cursor the first sync starts from" });
    }),
  defaults: { source: "http", url: "https://api.example.com/orders", cursorField: "updated_at", destinationConnectionId: "", table: "orders", keyColumns: "id", pageSize: 500, maxBatches: 200 },
  jsonataFields: ["mapping"],
  async execute({ nodeId, config, scope, services, signal }) {
    const cursorKey = config.cursorKey || `${scope.run.workflowId}:${nodeId}`;
    const stored = await services.store.get(SYNC_CURSOR_NAMESPACE, cursorKey);
    let cursor: unknown = stored.found ? stored.value : config.initialCursor || null;
    const destination = dialectOf((await services.connectionSettings(config.destinationConnectionId, ["postgres", "mysql"])).type);
    const keys = config.keyColumns
      .split(",")
      .map((key) => key.trim())
      .filter(Boolean);
    const readPage = await pageReader(config, services, signal);

    let rows = 0;
    let batches = 0;
    let done = false;
    while (batches < config.maxBatches) {
      const records = await readPage(cursor);
      if (!records.length) {
        done = true;
        break;
      }
      const next = records[records.length - 1][config.cursorField];
      if (next === undefined || next === null) throw new NodeError(`The last record of a batch has no "${config.cursorField}": the cursor field must be in every record`, { retriable: false });
      if (JSON.stringify(next) === JSON.stringify(cursor)) throw new NodeError(`The cursor did not move past ${JSON.stringify(cursor)}: the source must return only records after the cursor`, { retriable: false });
      const mapped = config.mapping ? await Promise.all(records.map((record) => evaluate(config.mapping!, { ...scope, input: record }))) : records;
      let statements;
      try {
        statements = rowStatements(destination, "upsert", config.table, mapped.map(asRow), keys, config.pageSize);
      } catch (error) {
        throw new NodeError((error as Error).message, { retriable: false });
      }
      await services.runSql({ connectionId: config.destinationConnectionId, dialect: destination, statements, timeoutMs: config.timeoutMs, signal });
      // Only after the batch is committed: a crash before this line reads the batch again.
      await services.store.set(SYNC_CURSOR_NAMESPACE, cursorKey, next);
      cursor = next;
      rows += records.length;
      batches += 1;
      if (records.length < config.pageSize) {
        done = true;
        break;
      }
    }
    return { output: { rows, batches, cursor, done, cursorKey } };
  },
});

type SyncConfig = {
  source: "http" | "database";
  url?: string;
  connectionId?: string;
  sinceParam: string;
  limitParam: string;
  itemsPath: string;
  sourceConnectionId?: string;
  sourceQuery?: string;
  pageSize: number;
  timeoutMs: number;
};

async function pageReader(config: SyncConfig, services: NodeServices, signal: AbortSignal): Promise<(cursor: unknown) => Promise<Record<string, unknown>[]>> {
  if (config.source === "database") {
    const dialect = dialectOf((await services.connectionSettings(config.sourceConnectionId!, ["postgres", "mysql"])).type);
    return async (cursor) => {
      const [result] = await services.runSql({ connectionId: config.sourceConnectionId!, dialect, statements: [{ sql: config.sourceQuery!, params: [cursor, config.pageSize] }], timeoutMs: config.timeoutMs, signal });
      return result.rows;
    };
  }
  return async (cursor) => {
    const url = new URL(config.url!);
    if (cursor !== null) url.searchParams.set(config.sinceParam, String(cursor));
    url.searchParams.set(config.limitParam, String(config.pageSize));
    const response = await services.fetch(url, { method: "GET", headers: { accept: "application/json" }, connectionId: config.connectionId, signal: AbortSignal.any([signal, AbortSignal.timeout(60_000)]) });
    const text = await response.text();
    if (!response.ok) throw new NodeError(`GET ${url.pathname} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ""}`, { retriable: response.status >= 500 || response.status === 429 || response.status === 408 });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new NodeError(`GET ${url.pathname} did not answer JSON`, { retriable: false });
    }
    const items = valueAtPath(body, config.itemsPath);
    if (!Array.isArray(items)) throw new NodeError(`The answer has no list at "${config.itemsPath}"`, { retriable: false });
    return items.map(asRow);
  };
}

function dialectOf(type: string): SqlDialect {
  return type === "postgres" ? "postgresql" : "mysql";
}

function asRow(value: unknown, index: number): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new NodeError(`Record ${index} is not an object`, { retriable: false });
  return value as Record<string, unknown>;
}
