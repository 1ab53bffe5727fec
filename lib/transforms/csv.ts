import Papa from "papaparse";
import type { CsvParseOptions, CsvStringifyOptions } from "@/lib/nodes/transform-contract";

/** CSV ⇄ JSON for `transform.csv` with Papa Parse (RFC 4180 quoting, any delimiter). */

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvError";
  }
}

export function csvToJson(csv: string, options: CsvParseOptions): unknown[] {
  const text = csv.replace(/^\uFEFF/, "");
  const named = options.header || options.columns.length > 0;
  const result = Papa.parse<unknown>(text, {
    header: false,
    delimiter: options.delimiter,
    skipEmptyLines: "greedy",
    dynamicTyping: options.parseValues,
  });
  const fatal = result.errors.find((e) => e.type === "Quotes" || e.type === "Delimiter");
  if (fatal) throw new CsvError(`Not valid CSV: ${fatal.message}${fatal.row !== undefined ? ` (row ${fatal.row + 1})` : ""}`);
  const rows = result.data as unknown[][];
  if (!named) return rows;
  const header = options.columns.length ? options.columns : (rows.shift() ?? []).map((name) => String(name ?? "").trim());
  if (options.columns.length && options.header) rows.shift();
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const key = name || `column${i + 1}`;
      record[key] = i < row.length ? row[i] : null;
    });
    // Cells beyond the header keep their values under numbered names instead of disappearing.
    for (let i = header.length; i < row.length; i++) record[`column${i + 1}`] = row[i];
    return record;
  });
}

export function jsonToCsv(rows: unknown[], options: CsvStringifyOptions): string {
  const objects = rows.every((row) => row && typeof row === "object" && !Array.isArray(row));
  if (!objects && !rows.every(Array.isArray)) throw new CsvError("Each row must be an object (columns by name) or a list of values");
  const cell = (value: unknown) => (value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : value);
  if (objects) {
    const records = rows as Record<string, unknown>[];
    const columns = options.columns.length ? options.columns : [...new Set(records.flatMap((r) => Object.keys(r)))];
    const data = records.map((r) => columns.map((c) => cell(r[c])));
    return Papa.unparse({ fields: columns, data }, { delimiter: options.delimiter, header: options.header, newline: "\r\n" });
  }
  const data = (rows as unknown[][]).map((r) => r.map(cell));
  return Papa.unparse(options.header && options.columns.length ? { fields: options.columns, data } : data, { delimiter: options.delimiter, header: options.header && options.columns.length > 0, newline: "\r\n" });
}
