/**
 * SQL for the database nodes' row operations, per dialect (browser-safe: the node files build it,
 * the server runs it). Values are always bound parameters; table and column names are quoted
 * identifiers, checked to be plain names (optionally schema-qualified) so a name can never carry SQL.
 */

export type SqlDialect = "postgresql" | "mysql";
export type RowOperation = "insert" | "update" | "upsert" | "delete";

export interface SqlStatement {
  sql: string;
  params: unknown[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** A table or column name as the dialect quotes it; `schema.table` is quoted part by part. */
export function quoteName(dialect: SqlDialect, name: string): string {
  const parts = name.split(".");
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) throw new Error(`"${name}" is not a plain table or column name (letters, digits, _ and $, optionally schema.table)`);
  return parts.map((part) => (dialect === "postgresql" ? `"${part}"` : `\`${part}\``)).join(".");
}

function placeholder(dialect: SqlDialect, index: number): string {
  return dialect === "postgresql" ? `$${index}` : "?";
}

/** The statements that write `rows` to `table`, `batchSize` rows per multi-row statement where the operation allows it. */
export function rowStatements(dialect: SqlDialect, operation: RowOperation, table: string, rows: Record<string, unknown>[], keyColumns: string[], batchSize: number): SqlStatement[] {
  const target = quoteName(dialect, table);
  if (operation !== "insert" && !keyColumns.length) throw new Error(`Name the key columns that identify a row to ${operation}`);
  const keys = keyColumns.map((key) => quoteName(dialect, key));
  const statements: SqlStatement[] = [];
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    if (operation === "insert" || operation === "upsert") statements.push(insertStatement(dialect, target, batch, operation === "upsert" ? keyColumns : []));
    else for (const row of batch) statements.push(operation === "update" ? updateStatement(dialect, target, row, keyColumns, keys) : deleteStatement(dialect, target, row, keyColumns, keys));
  }
  return statements;
}

/** Columns of a batch: every key of every row, in first-seen order (a row without one writes NULL, or the default for inserts). */
function columnsOf(rows: Record<string, unknown>[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

function insertStatement(dialect: SqlDialect, target: string, rows: Record<string, unknown>[], conflictKeys: string[]): SqlStatement {
  const columns = columnsOf(rows);
  if (!columns.length) throw new Error("The rows have no columns");
  for (const key of conflictKeys) if (!columns.includes(key)) throw new Error(`Key column "${key}" is missing from the rows`);
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((column) => (column in row ? (params.push(sqlValue(row[column])), placeholder(dialect, params.length)) : "DEFAULT")).join(", ")})`);
  let sql = `INSERT INTO ${target} (${columns.map((c) => quoteName(dialect, c)).join(", ")}) VALUES ${tuples.join(", ")}`;
  const updated = columns.filter((column) => !conflictKeys.includes(column));
  if (conflictKeys.length) {
    if (dialect === "postgresql") {
      const set = updated.map((c) => `${quoteName(dialect, c)} = EXCLUDED.${quoteName(dialect, c)}`);
      sql += ` ON CONFLICT (${conflictKeys.map((k) => quoteName(dialect, k)).join(", ")}) ${set.length ? `DO UPDATE SET ${set.join(", ")}` : "DO NOTHING"}`;
    } else {
      // MySQL matches on the table's primary or unique keys; naming them keeps the node's intent explicit and checked.
      const set = (updated.length ? updated : conflictKeys).map((c) => `${quoteName(dialect, c)} = VALUES(${quoteName(dialect, c)})`);
      sql += ` ON DUPLICATE KEY UPDATE ${set.join(", ")}`;
    }
  }
  return { sql, params };
}

function updateStatement(dialect: SqlDialect, target: string, row: Record<string, unknown>, keyColumns: string[], keys: string[]): SqlStatement {
  const columns = Object.keys(row).filter((column) => !keyColumns.includes(column));
  if (!columns.length) throw new Error("A row to update has no columns besides its keys");
  const params: unknown[] = [];
  const set = columns.map((column) => (params.push(sqlValue(row[column])), `${quoteName(dialect, column)} = ${placeholder(dialect, params.length)}`));
  return { sql: `UPDATE ${target} SET ${set.join(", ")} WHERE ${where(dialect, row, keyColumns, keys, params)}`, params };
}

function deleteStatement(dialect: SqlDialect, target: string, row: Record<string, unknown>, keyColumns: string[], keys: string[]): SqlStatement {
  const params: unknown[] = [];
  return { sql: `DELETE FROM ${target} WHERE ${where(dialect, row, keyColumns, keys, params)}`, params };
}

function where(dialect: SqlDialect, row: Record<string, unknown>, keyColumns: string[], keys: string[], params: unknown[]): string {
  return keyColumns
    .map((key, i) => {
      if (!(key in row) || row[key] === null || row[key] === undefined) throw new Error(`A row has no value for key column "${key}"`);
      params.push(sqlValue(row[key]));
      return `${keys[i]} = ${placeholder(dialect, params.length)}`;
    })
    .join(" AND ");
}

/** Objects and lists go in as JSON text (for json/jsonb columns); everything else as is. */
function sqlValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}
