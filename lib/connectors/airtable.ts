import { Table } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, path } from "./define";

const base = z.string().trim().min(1, "Enter the base id").meta({ title: "Base id", description: "app… (in the base's URL)." });
const table = z.string().trim().min(1, "Enter the table").meta({ title: "Table", description: "Its name or id (tbl…)." });
const fields = z.record(z.string(), z.unknown()).meta({ title: "Fields", description: "By field name, e.g. { \"Name\": \"{{ trigger.body.name }}\" }.", widget: "json" });
// A record as the Web API returns it (https://airtable.com/developers/web/api/get-record): cells by field name.
const RECORD = { id: "recwPQIfs4wKPyc9D", createdTime: "2026-11-30T09:14:02.000Z", fields: { Name: "Ada Lovelace", Email: "ada@example.com", Status: "Todo" } };

const typecast = z.boolean().default(false).meta({ title: "Convert values", description: "Let Airtable convert text to the field's type (select options, dates)." });

/**
 * Airtable Web API (https://airtable.com/developers/web/api). A personal access token as a Bearer
 * token; errors answer `{ error: { type, message } }` (or `{ error: "NOT_FOUND" }`).
 */
export const airtable = defineConnector({
  id: "airtable",
  name: "Airtable",
  description: "Records in Airtable bases.",
  icon: Table,
  baseUrl: "https://api.airtable.com/v0",
  // Airtable: 5 requests a second per base.
  rateLimit: { requests: 5, per: "second" },
  testPath: "/meta/whoami",
  auth: bearerAuth("A personal access token (pat…) with data.records:read and data.records:write on the base, in a Bearer token connection."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const error = (body as { error?: string | { type?: string; message?: string } } | null)?.error;
    if (!error) return undefined;
    return { message: typeof error === "string" ? error : [error.type, error.message].filter(Boolean).join(": "), retriable: status === 429 };
  },
  actions: [
    defineAction({
      name: "createRecord",
      label: "Create record",
      description: "Create a record in a table (POST /{base}/{table}).",
      props: { baseId: base, table, fields, typecast },
      defaults: { baseId: "", table: "", fields: { Name: "{{ trigger.body.name }}" }, typecast: false },
      request: (p) => ({ method: "POST", path: path`/${p.baseId}/${p.table}`, json: { records: [{ fields: p.fields }], typecast: p.typecast } }),
      output: ({ body }) => (body as { records?: unknown[] }).records?.[0] ?? body,
      sample: { records: [RECORD] },
    }),
    defineAction({
      name: "updateRecord",
      label: "Update record",
      description: "Change the given fields of one record; the others keep their values (PATCH /{base}/{table}).",
      props: { baseId: base, table, recordId: z.string().trim().min(1, "Enter the record id").meta({ title: "Record id", description: "rec…" }), fields, typecast },
      defaults: { baseId: "", table: "", recordId: "{{ steps.find.records[0].id }}", fields: { Status: "Done" }, typecast: false },
      request: (p) => ({ method: "PATCH", path: path`/${p.baseId}/${p.table}`, json: { records: [{ id: p.recordId, fields: p.fields }], typecast: p.typecast } }),
      output: ({ body }) => (body as { records?: unknown[] }).records?.[0] ?? body,
      sample: { records: [RECORD] },
    }),
    defineAction({
      name: "listRecords",
      label: "Find records",
      description: "List a table's records, those matching a formula (GET /{base}/{table}).",
      props: {
        baseId: base,
        table,
        filterByFormula: z.string().optional().meta({ title: "Formula", description: "e.g. {Email} = 'ada@example.com'. Empty: every record." }),
        view: z.string().trim().optional().meta({ title: "View" }),
        maxRecords: z.number().int().min(1).max(1000).default(100).meta({ title: "At most" }),
        offset: z.string().trim().optional().meta({ title: "Offset", description: "The previous page's offset." }),
      },
      defaults: { baseId: "", table: "", filterByFormula: "{Email} = '{{ trigger.body.email }}'", maxRecords: 100 },
      request: (p) => ({ method: "GET", path: path`/${p.baseId}/${p.table}`, query: { filterByFormula: p.filterByFormula, view: p.view, maxRecords: p.maxRecords, offset: p.offset } }),
      pages: {
        items: ({ body }) => (body as { records?: unknown[] }).records ?? [],
        next: ({ body }, request) => {
          const offset = (body as { offset?: string }).offset;
          return offset ? { ...request, query: { ...request.query, offset } } : undefined;
        },
      },
      sample: { records: [RECORD], offset: "itrOvPbpsN9khqEvy/recwPQIfs4wKPyc9D" },
    }),
  ],
});
