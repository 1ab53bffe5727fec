import { Database } from "lucide-react";
import { z } from "zod";
import { rowStatements, type SqlDialect } from "@/lib/database/statements";
import { NodeError } from "./errors";
import { connectionField } from "./outbound-fields";
import { defineNode } from "./types";

const OPERATIONS = ["query", "insert", "update", "upsert", "delete"] as const;
const WRITES = ["insert", "update", "upsert", "delete"];
const KEYED = ["update", "upsert", "delete"];

function configSchema(connectionType: "postgres" | "mysql", placeholders: string) {
  return z
    .object({
      connectionId: connectionField([connectionType]),
      operation: z.enum(OPERATIONS).default("query").meta({ title: "Operation", description: "Run SQL, or write rows to a table (in batches, all in one transaction)." }),
      query: z
        .string()
        .max(100_000)
        .optional()
        .meta({ title: "SQL", description: `One statement. ${placeholders} take the parameters in order; never put data into the SQL text itself.`, widget: "textarea", showWhen: { operation: ["query"] } }),
      parameters: z.array(z.unknown(), { error: "Parameters: a JSON list" }).optional().meta({ title: "Parameters", description: 'A JSON list, e.g. ["{{ trigger.body.email }}", 10].', widget: "json", showWhen: { operation: ["query"] } }),
      table: z.string().trim().max(200).optional().meta({ title: "Table", description: "A table name, optionally schema.table.", showWhen: { operation: WRITES } }),
      rows: z.unknown().optional().meta({ title: "Rows", description: "A list of objects (column → value), or one object, e.g. {{ steps.map_1 }}.", widget: "json", showWhen: { operation: WRITES } }),
      keyColumns: z.string().trim().max(500).optional().meta({ title: "Key columns", description: "Comma-separated columns that identify a row (a primary or unique key).", showWhen: { operation: KEYED } }),
      batchSize: z.number().int().min(1).max(5000).default(500).meta({ title: "Rows per statement", showWhen: { operation: ["insert", "upsert"] } }),
      timeoutMs: z.number().int().min(100).max(600_000).default(30_000).meta({ title: "Statement timeout (ms)", description: "Enforced by the database server." }),
    })
    .superRefine((config, ctx) => {
      if (config.operation === "query" && !config.query?.trim()) ctx.addIssue({ code: "custom", path: ["query"], message: "Write the SQL to run" });
      if (config.operation !== "query" && !config.table) ctx.addIssue({ code: "custom", path: ["table"], message: "Name the table" });
      if (KEYED.includes(config.operation) && !config.keyColumns) ctx.addIssue({ code: "custom", path: ["keyColumns"], message: `Name the key columns a row to ${config.operation} is found by` });
    });
}

/**
 * The PostgreSQL and MySQL/MariaDB nodes: a parameterised query, or rows inserted, updated,
 * upserted or deleted in batches, all of a step's statements in one transaction (a retried step
 * writes nothing twice). Output: `{ rows, rowCount, fields }` for a query; `{ operation, table,
 * rows, affected, statements }` for writes.
 */
export function databaseNode(options: { type: string; label: string; connectionType: "postgres" | "mysql"; dialect: SqlDialect; placeholders: string; example: string }) {
  return defineNode({
    type: options.type,
    kind: "step",
    category: "action",
    label: options.label,
    description: `Query a ${options.label} database, or insert, update, upsert and delete rows in batches.`,
    icon: Database,
    config: configSchema(options.connectionType, options.placeholders),
    defaults: { connectionId: "", operation: "query", query: options.example, parameters: ["{{ trigger.body.email }}"], batchSize: 500, timeoutMs: 30_000 },
    async execute({ config, services, signal }) {
      const run = (statements: { sql: string; params: unknown[] }[]) => services.runSql({ connectionId: config.connectionId, dialect: options.dialect, statements, timeoutMs: config.timeoutMs, signal });
      if (config.operation === "query") {
        const [result] = await run([{ sql: config.query ?? "", params: config.parameters ?? [] }]);
        return { output: result };
      }
      const rows = toRows(config.rows);
      const keys = (config.keyColumns ?? "")
        .split(",")
        .map((key) => key.trim())
        .filter(Boolean);
      let statements;
      try {
        statements = rowStatements(options.dialect, config.operation, config.table ?? "", rows, keys, config.batchSize);
      } catch (error) {
        throw new NodeError((error as Error).message, { retriable: false });
      }
      const results = statements.length ? await run(statements) : [];
      return { output: { operation: config.operation, table: config.table, rows: rows.length, affected: results.reduce((sum, r) => sum + r.rowCount, 0), statements: statements.length } };
    },
  });
}

function toRows(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null || value === "" ? [] : [value];
  list.forEach((row, i) => {
    if (!row || typeof row !== "object" || Array.isArray(row)) throw new NodeError(`Rows: item ${i} is not an object of column values`, { retriable: false });
  });
  return list as Record<string, unknown>[];
}
