import { Table } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, defineTrigger, path, requiredChoicesField } from "./define";

const base = z.string().trim().min(1, "Enter the base id").meta({ title: "Base id", description: "app… (in the base's URL)." });
const table = z.string().trim().min(1, "Enter the table").meta({ title: "Table", description: "Its name or id (tbl…)." });
const fields = z.record(z.string(), z.unknown()).meta({ title: "Fields", description: "By field name, e.g. { \"Name\": \"{{ trigger.body.name }}\" }.", widget: "json" });
const typecast = z.boolean().default(false).meta({ title: "Convert values", description: "Let Airtable convert text to the field's type (select options, dates)." });

const CHANGES = { created: "Created", updated: "Updated", deleted: "Deleted" } as const;
type Change = keyof typeof CHANGES;
/** Airtable's names for the changes in a webhook's `changeTypes` filter. */
const CHANGE_TYPES: Record<Change, string> = { created: "add", updated: "update", deleted: "remove" };

/** The record answered by the record endpoints (Airtable's documented example). */
const RECORD = { id: "rec560UJdUtocSouk", createdTime: "2022-09-12T21:03:48.000Z", fields: { Name: "Union Square", Address: "333 Post St", Visited: true } };

/** One run of `airtable.onRecordChange`: its trigger body (see docs/connectors.md). */
export interface AirtableRecordChange {
  action: Change;
  baseId: string;
  tableId: string;
  recordId: string;
  /** Cell values by field id (fld…): after the change; every field for created and updated records, none for deleted ones. */
  fields: Record<string, unknown>;
  /** For updated records, the changed fields' values before the change; otherwise null. */
  previous: Record<string, unknown> | null;
  /** For updated records, the ids of the fields that changed; otherwise empty. */
  changedFieldIds: string[];
  /** For created records, when Airtable created it; otherwise null. */
  createdTime: string | null;
  /** The user who made the change, when a user made it (not an automation, say). */
  changedBy: { id: string; email: string | null; name: string | null } | null;
  /** Where the change came from: client, publicApi, formSubmission, automation, system, sync… */
  source: string | null;
  /** When Airtable recorded the change. */
  timestamp: string;
  /** The base's transaction number: several records changed at once share it. */
  transaction: number;
}

interface CellValues {
  cellValuesByFieldId?: Record<string, unknown>;
}
/** One payload of GET /bases/{baseId}/webhooks/{webhookId}/payloads. */
interface WebhookPayload {
  timestamp: string;
  baseTransactionNumber: number;
  actionMetadata?: { source?: string; sourceMetadata?: { user?: { id: string; email?: string; name?: string } } };
  changedTablesById?: Record<
    string,
    {
      createdRecordsById?: Record<string, CellValues & { createdTime?: string }>;
      changedRecordsById?: Record<string, { current?: CellValues; previous?: CellValues; unchanged?: CellValues }>;
      destroyedRecordIds?: string[];
    }
  >;
}

/**
 * The runs one webhook payload gives the trigger: one per record created, updated or deleted in
 * the trigger's table, of the changes it asks for; an update counts only when one of the watched
 * fields changed (Airtable filters so too, with `watchDataInFieldIds`; this repeats it for
 * payloads fetched from before the trigger's settings changed). The key is what a repeat of the
 * change repeats: the base's transaction number, the record and the action.
 */
function recordChanges(props: { baseId: string; tableId: string; changes: Change[]; watchFieldIds?: string[] }, payload: WebhookPayload): { key: string; body: AirtableRecordChange }[] {
  const table = payload.changedTablesById?.[props.tableId];
  if (!table) return [];
  const user = payload.actionMetadata?.sourceMetadata?.user;
  const common = {
    baseId: props.baseId,
    tableId: props.tableId,
    changedBy: user ? { id: user.id, email: user.email ?? null, name: user.name ?? null } : null,
    source: payload.actionMetadata?.source ?? null,
    timestamp: payload.timestamp,
    transaction: payload.baseTransactionNumber,
  };
  const out: AirtableRecordChange[] = [];
  if (props.changes.includes("created")) {
    for (const [recordId, record] of Object.entries(table.createdRecordsById ?? {})) {
      out.push({ action: "created", ...common, recordId, fields: record.cellValuesByFieldId ?? {}, previous: null, changedFieldIds: [], createdTime: record.createdTime ?? null });
    }
  }
  if (props.changes.includes("updated")) {
    const watched = props.watchFieldIds?.length ? new Set(props.watchFieldIds) : null;
    for (const [recordId, record] of Object.entries(table.changedRecordsById ?? {})) {
      const current = record.current?.cellValuesByFieldId ?? {};
      const changedFieldIds = Object.keys(current);
      if (watched && !changedFieldIds.some((id) => watched.has(id))) continue;
      const fields = { ...record.unchanged?.cellValuesByFieldId, ...current };
      out.push({ action: "updated", ...common, recordId, fields, previous: record.previous?.cellValuesByFieldId ?? {}, changedFieldIds, createdTime: null });
    }
  }
  if (props.changes.includes("deleted")) {
    for (const recordId of table.destroyedRecordIds ?? []) out.push({ action: "deleted", ...common, recordId, fields: {}, previous: null, changedFieldIds: [], createdTime: null });
  }
  return out.map((body) => ({ key: `airtable:${body.transaction}:${body.recordId}:${body.action}`, body }));
}

/**
 * Airtable Web API (https://airtable.com/developers/web/api). A personal access token as a Bearer
 * token; errors answer `{ error: { type, message } }` (or `{ error: "NOT_FOUND" }`).
 *
 * `airtable.onRecordChange` uses Airtable's webhooks
 * (https://airtable.com/developers/web/api/webhooks-overview), which differ from other apps':
 * - going live creates a webhook on the base (`POST /bases/{baseId}/webhooks`) filtered to the
 *   table's record data (`recordChangeScope`), the changes asked for and the watched fields, with
 *   every cell value and the previous values included; Airtable answers its id, the MAC secret
 *   (`macSecretBase64`, kept encrypted with the registration) and its expiration time;
 * - a notification is only a ping (`{ base, webhook, timestamp }`, signed with
 *   `X-Airtable-Content-MAC`): the changes are fetched from `GET …/webhooks/{id}/payloads` from
 *   the cursor kept with the registration, while `mightHaveMore`, and each record changed becomes
 *   one run (lib/triggers/app-changes.ts);
 * - a webhook expires 7 days after its creation or last refresh: the runtime's app-webhook job
 *   refreshes those about to expire (`POST …/webhooks/{id}/refresh`) and fetches changes a ping
 *   may have missed.
 * The token needs `webhook:manage` (and `data.records:read` for the cell values).
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
  auth: bearerAuth("A personal access token (pat…) with data.records:read and data.records:write on the base (and webhook:manage for the record-change trigger), in a Bearer token connection."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const error = (body as { error?: string | { type?: string; message?: string } } | null)?.error;
    if (!error) return undefined;
    return { message: typeof error === "string" ? error : [error.type, error.message].filter(Boolean).join(": "), retriable: status === 429 };
  },
  triggers: [
    defineTrigger({
      name: "onRecordChange",
      label: "On record change",
      description: "Starts one run per record created, updated or deleted in a table, through an Airtable webhook registered when the workflow goes live and refreshed before it expires.",
      props: {
        // Trigger settings take no expressions: ids only.
        baseId: z
          .string()
          .trim()
          .regex(/^app[A-Za-z0-9]+$/, "Enter the base's id: app… (in the base's URL)")
          .meta({ title: "Base id", description: "app… (in the base's URL)." }),
        tableId: z
          .string()
          .trim()
          .regex(/^tbl[A-Za-z0-9]+$/, "Enter the table's id: tbl… (in the table's URL)")
          .meta({ title: "Table id", description: "tbl… (in the table's URL, after the base id). Airtable's webhooks name tables by id." }),
        changes: requiredChoicesField(CHANGES, { title: "Changes", description: "Which changes to records start a run.", missing: "Choose at least one change" }),
        watchFieldIds: z
          .array(z.string().trim().regex(/^fld[A-Za-z0-9]+$/, "A field id: fld…"))
          .optional()
          .meta({ title: "Only when these fields change", description: "Field ids (fld…): an update starts a run only when one of them changed. Empty: any field." }),
      },
      defaults: { baseId: "", tableId: "", changes: ["created", "updated"] },
      sample: {
        action: "updated",
        baseId: "appZ7bGfVfBPLp1gB",
        tableId: "tblQ0yUkzIBcl0w3X",
        recordId: "recSQ4bYZWzCCbCAF",
        fields: { fldNmZwVvbfX1A9Uk: "Union Square", fld6lTwmwb2NeMfNz: "Visited", fldF7yW0MDaS2LKai: "333 Post St" },
        previous: { fld6lTwmwb2NeMfNz: "To visit" },
        changedFieldIds: ["fld6lTwmwb2NeMfNz"],
        createdTime: null,
        changedBy: { id: "usrKbFW3lCpiCWAR8", email: "ada@example.com", name: "Ada Lovelace" },
        source: "client",
        timestamp: "2022-02-01T21:25:05.663Z",
        transaction: 4,
      } satisfies AirtableRecordChange,
      signature: "airtable",
      // A ping starts no run by itself; each change fetched is deduplicated by its own key (changes.runs).
      dedup: { expression: "body.webhook.id & ':' & body.timestamp" },
      register: {
        create: (p, { url }) => ({
          method: "POST",
          path: path`/bases/${p.baseId}/webhooks`,
          json: {
            notificationUrl: url,
            specification: {
              options: {
                filters: {
                  dataTypes: ["tableData"],
                  recordChangeScope: p.tableId,
                  changeTypes: p.changes.map((change) => CHANGE_TYPES[change]),
                  ...(p.watchFieldIds?.length && p.changes.length === 1 && p.changes[0] === "updated" ? { watchDataInFieldIds: p.watchFieldIds } : {}),
                },
                includes: { includeCellValuesInFieldIds: "all", includePreviousCellValues: true },
              },
            },
          },
        }),
        read: ({ body }) => {
          const hook = body as { id: string; macSecretBase64: string; expirationTime?: string };
          return { id: hook.id, secret: hook.macSecretBase64, expiresAt: hook.expirationTime };
        },
        remove: (p, id) => ({ method: "DELETE", path: path`/bases/${p.baseId}/webhooks/${id}` }),
      },
      changes: {
        request: (p, id, cursor) => ({ method: "GET", path: path`/bases/${p.baseId}/webhooks/${id}/payloads`, query: { cursor } }),
        read: ({ body }) => {
          const page = body as { payloads?: unknown[]; cursor: number; mightHaveMore?: boolean };
          return { payloads: page.payloads ?? [], cursor: page.cursor, more: !!page.mightHaveMore };
        },
        runs: (p, payload) => recordChanges(p, payload as WebhookPayload),
        refresh: {
          request: (p, id) => ({ method: "POST", path: path`/bases/${p.baseId}/webhooks/${id}/refresh` }),
          read: ({ body }) => (body as { expirationTime?: string } | null)?.expirationTime,
        },
      },
    }),
  ],
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
      sample: { records: [{ ...RECORD, fields: { ...RECORD.fields, Status: "Done" } }] },
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
      sample: { records: [RECORD, { id: "recAbqs0NBS3ep4ko", createdTime: "2022-09-12T21:05:11.000Z", fields: { Name: "Ferry Building", Address: "1 Ferry Building", Visited: false } }], offset: "itrUx8qT3kRHa5Nw8/recAbqs0NBS3ep4ko" },
      request: (p) => ({ method: "GET", path: path`/${p.baseId}/${p.table}`, query: { filterByFormula: p.filterByFormula, view: p.view, maxRecords: p.maxRecords, offset: p.offset } }),
      pages: {
        items: ({ body }) => (body as { records?: unknown[] }).records ?? [],
        next: ({ body }, request) => {
          const offset = (body as { offset?: string }).offset;
          return offset ? { ...request, query: { ...request.query, offset } } : undefined;
        },
      },
    }),
  ],
});
