import { Sheet } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, definePolledTrigger, path, type ConnectorResponse } from "./define";

const spreadsheet = z.string().trim().min(1, "Enter the spreadsheet id").meta({ title: "Spreadsheet id", description: "The long id in the sheet's URL (/d/<id>/edit)." });
const row = z.array(z.unknown()).min(1, "Give the row's values").meta({ title: "Row", description: 'The values in column order, e.g. ["{{ trigger.body.name }}", "{{ trigger.body.email }}"].', widget: "json" });
const tabName = z.string().trim().min(1).default("Sheet1");

/** A ValueRange's rows as text (a blank cell is ""), from `spreadsheets.values.get` with majorDimension ROWS. */
const rowsOf = ({ body }: ConnectorResponse): string[][] => ((body as { values?: unknown[][] } | null)?.values ?? []).map((r) => r.map((cell) => (cell === undefined || cell === null ? "" : String(cell))));

/** A row as an object by column name, with its row number in the sheet (for a later "Update row"). */
const rowObject = (header: string[], row: string[], rowNumber: number) => ({ rowNumber, ...Object.fromEntries(header.map((name, c) => [name, row[c] ?? ""])) });

/** The row number of a ValueRange's first row, from its A1 range ("Sheet1!A1:Z1000" → 1). */
function firstRowOf(range: unknown): number {
  const match = typeof range === "string" ? /![A-Z]*(\d+)/i.exec(range) : null;
  return match ? Number(match[1]) : 1;
}

/** A short hash of a text (FNV-1a, 32 bits), for dedup keys. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

/** A tab's name as an A1 range, quoted so that names with spaces or names like "A1" read as the whole tab. */
const wholeTab = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

const valueInput = z.enum(["USER_ENTERED", "RAW"]).default("USER_ENTERED").meta({ title: "Values are", description: "USER_ENTERED: read as if typed (numbers, dates, formulas); RAW: stored as given." });

/**
 * Google Sheets API v4 (https://developers.google.com/workspace/sheets/api/reference/rest).
 * A Google OAuth2 sign-in connection (scope https://www.googleapis.com/auth/spreadsheets) or an
 * access token; errors answer `{ error: { code, message, status } }`.
 */
export const googleSheets = defineConnector({
  id: "google-sheets",
  name: "Google Sheets",
  description: "Rows in Google Sheets.",
  icon: Sheet,
  baseUrl: "https://sheets.googleapis.com/v4",
  // Google Sheets: 60 requests a minute per user.
  rateLimit: { requests: 60, per: "minute" },
  auth: bearerAuth("An OAuth2 sign-in connection to Google with the spreadsheets scope (or an access token as a Bearer token)."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const error = (body as { error?: { message?: string; status?: string } } | null)?.error;
    return error?.message ? { message: error.status ? `${error.status}: ${error.message}` : error.message } : undefined;
  },
  actions: [
    defineAction({
      name: "appendRow",
      label: "Append row",
      description: "Add a row after the last row of a sheet's table (POST values/{range}:append).",
      props: { spreadsheetId: spreadsheet, sheet: tabName.meta({ title: "Sheet", description: "The tab's name, or a range such as Sheet1!A:D." }), values: row, valueInputOption: valueInput },
      defaults: { spreadsheetId: "", sheet: "Sheet1", values: ["{{ trigger.body.name }}", "{{ trigger.body.email }}"], valueInputOption: "USER_ENTERED" },
      request: (p) => ({
        method: "POST",
        path: `${path`/spreadsheets/${p.spreadsheetId}/values/${p.sheet}`}:append`,
        query: { valueInputOption: p.valueInputOption, insertDataOption: "INSERT_ROWS" },
        json: { majorDimension: "ROWS", values: [p.values] },
      }),
      output: ({ body }) => (body as { updates?: unknown }).updates ?? body,
      // An AppendValuesResponse (spreadsheets.values.append).
      sample: {
        spreadsheetId: "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms",
        tableRange: "Sheet1!A1:D42",
        updates: { spreadsheetId: "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms", updatedRange: "Sheet1!A43:D43", updatedRows: 1, updatedColumns: 4, updatedCells: 4 },
      },
    }),
    defineAction({
      name: "updateRow",
      label: "Update row",
      description: "Write values into a range, e.g. one row (PUT values/{range}).",
      props: { spreadsheetId: spreadsheet, range: z.string().trim().min(1, "Enter the range").meta({ title: "Range", description: "e.g. Sheet1!A5:D5." }), values: row, valueInputOption: valueInput },
      defaults: { spreadsheetId: "", range: "Sheet1!A2", values: ["{{ trigger.body.name }}"], valueInputOption: "USER_ENTERED" },
      request: (p) => ({ method: "PUT", path: path`/spreadsheets/${p.spreadsheetId}/values/${p.range}`, query: { valueInputOption: p.valueInputOption }, json: { range: p.range, majorDimension: "ROWS", values: [p.values] } }),
      // An UpdateValuesResponse (spreadsheets.values.update).
      sample: { spreadsheetId: "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms", updatedRange: "Sheet1!A2:D2", updatedRows: 1, updatedColumns: 4, updatedCells: 4 },
    }),
    defineAction({
      name: "lookupRows",
      label: "Look up rows",
      description: "Read a sheet whose first row names the columns and give the rows whose column holds a value, as objects (GET values/{range}).",
      props: {
        spreadsheetId: spreadsheet,
        sheet: tabName.meta({ title: "Sheet", description: "The tab's name, or a range such as Sheet1!A:F." }),
        column: z.string().trim().min(1, "Enter the column").meta({ title: "Column", description: "Its name in the first row." }),
        value: z.string().meta({ title: "Value" }),
      },
      defaults: { spreadsheetId: "", sheet: "Sheet1", column: "Email", value: "{{ trigger.body.email }}" },
      request: (p) => ({ method: "GET", path: path`/spreadsheets/${p.spreadsheetId}/values/${p.sheet}`, query: { majorDimension: "ROWS", valueRenderOption: "FORMATTED_VALUE" } }),
      output: (response, p) => {
        const [header = [], ...rows] = rowsOf(response);
        const index = header.indexOf(p.column);
        const matches = index < 0 ? [] : rows.map((r, i) => ({ r, i })).filter(({ r }) => (r[index] ?? "") === p.value);
        // The header is row 1.
        return { rows: matches.map(({ r, i }) => rowObject(header, r, i + 2)), columnFound: index >= 0 };
      },
      // A ValueRange (spreadsheets.values.get) whose first row names the columns.
      sample: {
        range: "Sheet1!A1:Z1000",
        majorDimension: "ROWS",
        values: [
          ["Name", "Email", "Plan", "Signed up"],
          ["Ada Lovelace", "ada@example.com", "Pro", "2025-03-14"],
          ["Alan Turing", "alan@example.com", "Free", "2025-03-15"],
        ],
      },
    }),
  ],
  triggers: [
    definePolledTrigger({
      name: "onNewRow",
      label: "On new row",
      description: "Starts one run per row added below the last row of a sheet, asking Google Sheets every “Poll every” (the Sheets API has no webhooks).",
      props: {
        // Trigger settings take no expressions: nothing to evaluate them against.
        spreadsheetId: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9_-]+$/, "Enter the spreadsheet id: the long id in the sheet's URL (/d/<id>/edit)")
          .meta({ title: "Spreadsheet id", description: "The long id in the sheet's URL (/d/<id>/edit)." }),
        sheet: z.string().trim().min(1, "Enter the tab's name").regex(/^[^{}]*$/, "The tab's name as it is: a trigger's settings take no expressions").default("Sheet1").meta({ title: "Sheet", description: "The tab's name, as on its tab." }),
        headerRow: z.number().int().min(1, "The header row is row 1 or below").default(1).meta({ title: "Header row", description: "The row that names the columns; rows below it are the data." }),
      },
      defaults: { spreadsheetId: "", sheet: "Sheet1", headerRow: 1 },
      // A row as "Look up rows" gives it: its row number and its cells by column name.
      sample: { rowNumber: 43, Name: "Ada Lovelace", Email: "ada@example.com", Plan: "Pro", "Signed up": "2025-03-14" },
      poll: {
        // The whole tab: the Sheets API has no "rows since"; a row's number is its place in the tab.
        request: (p) => ({ method: "GET", path: path`/spreadsheets/${p.spreadsheetId}/values/${wholeTab(p.sheet)}`, query: { majorDimension: "ROWS", valueRenderOption: "FORMATTED_VALUE" } }),
        read: (response, p, cursor) => {
          const first = firstRowOf((response.body as { range?: unknown } | null)?.range);
          const rows = rowsOf(response);
          const header = rows[p.headerRow - first] ?? [];
          const last = first + rows.length - 1;
          const after = Math.max(p.headerRow, Number(cursor ?? p.headerRow) || p.headerRow);
          const items = rows
            .map((r, i) => ({ r, rowNumber: first + i }))
            // Blank rows between data rows start nothing (trailing blank rows are not in the answer at all).
            .filter(({ r, rowNumber }) => rowNumber > after && r.some((cell) => cell !== ""))
            // The key holds the cells too: a row deleted and another added in its place is new, the same row cleared and typed again is not.
            .map(({ r, rowNumber }) => ({ key: `row:${rowNumber}:${fnv1a(JSON.stringify(r))}`, body: rowObject(header, r, rowNumber) }));
          // The cursor follows the tab's last row, also down when rows were deleted, so rows added after that are new.
          return { items, cursor: String(Math.max(p.headerRow, last)) };
        },
        describe: (p) => `New rows of ${p.sheet}`,
      },
    }),
  ],
});
