import { db, dbKind } from "@/lib/db/client";
import type { DatabaseKind } from "@/lib/db/config";

/**
 * Raw SQL that reads the same on SQLite and PostgreSQL, for the aggregations Prisma's query API
 * cannot express (groupings by JSON fields, percentiles, time buckets, NOT EXISTS). Values are
 * always bound parameters; only fixed fragments are written into the text.
 */
export class SqlQuery {
  readonly params: unknown[] = [];
  constructor(readonly kind: DatabaseKind = dbKind()) {}

  /** A bound parameter's placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return this.kind === "postgresql" ? `$${this.params.length}` : "?";
  }

  /** A text field of a JSON column, e.g. the message of a run's error. */
  jsonText(column: string, key: string): string {
    return this.kind === "postgresql" ? `(${column}->>'${key}')` : `json_extract(${column}, '$.${key}')`;
  }

  /** A number at a path in a JSON column (null when absent), e.g. a step output's usage.inputTokens. */
  jsonNumber(column: string, path: string[]): string {
    return this.kind === "postgresql" ? `((${column} #>> '{${path.join(",")}}')::double precision)` : `json_extract(${column}, '$.${path.join(".")}')`;
  }

  /** The length of a list at a key of a JSON column, read in the database (the list is not fetched). */
  jsonArrayLength(column: string, key: string): string {
    return this.kind === "postgresql" ? `jsonb_array_length(${column}->'${key}')` : `json_array_length(${column}, '$.${key}')`;
  }

  /** Milliseconds from one timestamp column to another. */
  msBetween(from: string, to: string): string {
    return this.kind === "postgresql" ? `(EXTRACT(EPOCH FROM (${to} - ${from})) * 1000)` : `((julianday(${to}) - julianday(${from})) * 86400000.0)`;
  }

  /** Epoch seconds of a timestamp, rounded down to a multiple of `seconds`. */
  bucket(column: string, seconds: number): string {
    const n = Math.max(1, Math.floor(seconds));
    return this.kind === "postgresql"
      ? `(FLOOR(EXTRACT(EPOCH FROM ${column}) / ${n}) * ${n})`
      : `((CAST(strftime('%s', ${column}) AS INTEGER) / ${n}) * ${n})`;
  }

  /** A case-insensitive substring test of a column's text (the pattern is escaped and bound). */
  contains(textExpression: string, needle: string): string {
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.kind === "postgresql" ? `${textExpression} ILIKE ${this.param(pattern)} ESCAPE '\\'` : `${textExpression} LIKE ${this.param(pattern)} ESCAPE '\\'`;
  }

  async run<T>(sql: string): Promise<T[]> {
    return db().$queryRawUnsafe<T[]>(sql, ...this.params);
  }
}

/** Numbers from raw rows: PostgreSQL counts come back as bigint, SQLite sums as floats. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "bigint" ? Number(value) : Number(value);
}

/** Timestamps from raw rows: Date objects (PostgreSQL) or ISO text (SQLite). */
export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
