import { Sheet } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, path } from "./define";

const spreadsheet = z.string().trim().min(1, "Enter the spreadsheet id").meta({ title: "Spreadsheet id", description: "The long id in the sheet's URL (/d/<id>/edit)." });
const row = z.array(z.unknown()).min(1, "Give the row's values").meta({ title: "Row", description: 'The values in column order, e.g. ["{{ trigger.body.name }}", "{{ trigger.body.email }}"].', widget: "json" });
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
      props: { spreadsheetId: spreadsheet, sheet: z.string().trim().min(1).default("Sheet1").meta({ title: "Sheet", description: "The tab's name, or a range such as Sheet1!A:D." }), values: row, valueInputOption: valueInput },
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
        sheet: z.string().trim().min(1).default("Sheet1").meta({ title: "Sheet", description: "The tab's name, or a range such as Sheet1!A:F." }),
        column: z.string().trim().min(1, "Enter the column").meta({ title: "Column", description: "Its name in the first row." }),
        value: z.string().meta({ title: "Value" }),
      },
      defaults: { spreadsheetId: "", sheet: "Sheet1", column: "Email", value: "{{ trigger.body.email }}" },
      request: (p) => ({ method: "GET", path: path`/spreadsheets/${p.spreadsheetId}/values/${p.sheet}`, query: { majorDimension: "ROWS", valueRenderOption: "FORMATTED_VALUE" } }),
      output: ({ body }, p) => {
        const [header = [], ...rows] = ((body as { values?: unknown[][] }).values ?? []).map((r) => r.map((cell) => (cell === undefined || cell === null ? "" : String(cell))));
        const index = header.indexOf(p.column);
        const matches = index < 0 ? [] : rows.map((r, i) => ({ r, i })).filter(({ r }) => (r[index] ?? "") === p.value);
        // rowNumber: the sheet's own row number (the header is row 1), for a later "Update row".
        return { rows: matches.map(({ r, i }) => ({ rowNumber: i + 2, ...Object.fromEntries(header.map((name, c) => [name, r[c] ?? ""])) })), columnFound: index >= 0 };
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
});
