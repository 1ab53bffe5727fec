import { Cloud } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, definePolledTrigger, path, type ConnectorRequest, type ConnectorResponse } from "./define";

const SALESFORCE_API_VERSION = "v62.0";

const objectType = z.string().trim().regex(/^(\w+|[\s\S]*\{\{[\s\S]*\}\}[\s\S]*)$/, "An object's API name, e.g. Lead, Contact or Invoice__c").meta({ title: "Object", description: "The object's API name: Lead, Contact, Account, Opportunity, Case, or a custom one (Invoice__c)." });
const recordId = z.string().trim().min(1, "Give the record id").meta({ title: "Record id", description: "The 15- or 18-character id, e.g. {{ steps.create_record_1.id }}." });
const fields = (title: string) => z.record(z.string(), z.unknown()).meta({ title, description: "By field API name: LastName, Company, Email, Custom__c…", widget: "json" });

/** The request for a query's next batch: nextRecordsUrl is absolute from the host (/services/data/v62.0/query/01g…-2000), the base URL already ends in /services/data/vNN.N. */
function nextBatch({ body }: ConnectorResponse): ConnectorRequest | undefined {
  const next = (body as { nextRecordsUrl?: string } | null)?.nextRecordsUrl;
  return next ? { method: "GET", path: next.replace(/^\/services\/data\/v[\d.]+/, "") } : undefined;
}

const RECORD_EVENTS = { created: "Created", updated: "Created or updated" } as const;
/** The field whose time orders the records of each event. */
const EVENT_FIELD = { created: "CreatedDate", updated: "LastModifiedDate" } as const;
/** Records the first poll reads (newest first): what "Emit existing items" starts runs for. */
const FIRST_POLL_RECORDS = 100;

type SalesforceRecord = { Id?: unknown } & Record<string, unknown>;

/** A record's time as a SOQL dateTime literal (whole seconds, UTC): Salesforce answers 2024-05-14T09:21:37.000+0000, which SOQL does not take. */
function soqlDateTime(value: string): string | undefined {
  const time = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The SOQL of a record-change poll. Records come ordered by the event's time, then Id; the cursor
 * is the last record's `time|Id`, and the next poll asks for what sorts after it, so records
 * sharing a second are neither skipped nor asked for again. Without a cursor: the newest records.
 */
function recordChangeQuery(p: { object: string; event: keyof typeof EVENT_FIELD; customFields?: string[] }, cursor: string | undefined): string {
  const field = EVENT_FIELD[p.event];
  const select = `SELECT ${["FIELDS(STANDARD)", ...new Set(p.customFields ?? [])].join(", ")} FROM ${p.object}`;
  const [time, id = ""] = cursor?.split("|") ?? [];
  const since = time ? soqlDateTime(time) : undefined;
  if (!since) return `${select} ORDER BY ${field} DESC, Id DESC LIMIT ${FIRST_POLL_RECORDS}`;
  const after = /^[A-Za-z0-9]{15,18}$/.test(id) ? `${field} > ${since} OR (${field} = ${since} AND Id > '${id}')` : `${field} > ${since}`;
  return `${select} WHERE ${after} ORDER BY ${field} ASC, Id ASC`;
}

/**
 * Salesforce REST API (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/):
 * an OAuth access token as Bearer, and the org's own address (My Domain) as the connection's API
 * base URL. Errors are a list `[{ message, errorCode, fields }]`.
 */
export const salesforce = defineConnector({
  id: "salesforce",
  name: "Salesforce",
  description: "Create, update, upsert and read records of any object; run SOQL queries.",
  icon: Cloud,
  baseUrl: () => {
    throw new Error(`set the connection's API base URL to your org's REST API, https://<your-domain>.my.salesforce.com/services/data/${SALESFORCE_API_VERSION}`);
  },
  auth: bearerAuth(`Sign in with OAuth2 (a connected app with the “api” and “refresh_token” scopes), or paste an access token; set the API base URL to https://<your-domain>.my.salesforce.com/services/data/${SALESFORCE_API_VERSION}.`),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const errors = Array.isArray(body) ? (body as { message?: string; errorCode?: string; fields?: string[] }[]) : [];
    if (!errors.length) return undefined;
    return {
      message: errors.map((e) => `${e.errorCode ? `${e.errorCode}: ` : ""}${e.message}${e.fields?.length ? ` (${e.fields.join(", ")})` : ""}`).join("; "),
      // UNABLE_TO_LOCK_ROW is another transaction holding the record: it passes on a retry.
      retriable: status >= 500 || errors.some((e) => e.errorCode === "UNABLE_TO_LOCK_ROW"),
    };
  },
  actions: [
    defineAction({
      name: "createRecord",
      label: "Create record",
      description: "Create a record of an object (POST /sobjects/{object}).",
      props: { object: objectType, fields: fields("Fields") },
      defaults: { object: "Lead", fields: { LastName: "{{ trigger.body.last_name }}", Company: "{{ trigger.body.company }}", Email: "{{ trigger.body.email }}" } },
      request: (p) => ({ method: "POST", path: path`/sobjects/${p.object}/`, json: p.fields }),
      sample: { id: "00Q5e00000AbCdEEAV", errors: [], success: true },
    }),
    defineAction({
      name: "updateRecord",
      label: "Update record",
      description: "Change fields of a record (PATCH /sobjects/{object}/{id}).",
      props: { object: objectType, id: recordId, fields: fields("Fields to change") },
      defaults: { object: "Lead", id: "", fields: { Status: "Working - Contacted" } },
      request: (p) => ({ method: "PATCH", path: path`/sobjects/${p.object}/${p.id}`, json: p.fields }),
      output: (_response, p) => ({ id: p.id, updated: true }),
      sample: null,
      sampleStatus: 204,
    }),
    defineAction({
      name: "upsertRecord",
      label: "Create or update record",
      description: "Create a record, or update the one with that external id (PATCH /sobjects/{object}/{field}/{value}).",
      props: {
        object: objectType,
        externalIdField: z.string().trim().min(1, "Name the external id field").meta({ title: "External id field", description: "A field marked External ID, e.g. Order_Number__c." }),
        externalId: z.string().trim().min(1, "Give the external id").meta({ title: "External id" }),
        fields: fields("Fields"),
      },
      defaults: { object: "Contact", externalIdField: "", externalId: "{{ trigger.body.id }}", fields: { LastName: "{{ trigger.body.last_name }}" } },
      request: (p) => ({ method: "PATCH", path: path`/sobjects/${p.object}/${p.externalIdField}/${p.externalId}`, json: p.fields }),
      // 201 { id, created: true } for a new record; 200 with the same body, or 204, for an update.
      output: ({ status, body }) => (body && typeof body === "object" ? body : { created: status === 201 }),
      sample: { id: "0035e00000XyZabAAB", errors: [], success: true, created: true },
    }),
    defineAction({
      name: "getRecord",
      label: "Get record",
      description: "Read a record's fields (GET /sobjects/{object}/{id}).",
      props: { object: objectType, id: recordId, fields: z.array(z.string().trim().min(1)).optional().meta({ title: "Only these fields", description: "Empty: all fields." }) },
      defaults: { object: "Lead", id: "" },
      request: (p) => ({ method: "GET", path: path`/sobjects/${p.object}/${p.id}`, query: { fields: p.fields?.join(",") } }),
      sample: {
        attributes: { type: "Lead", url: `/services/data/${SALESFORCE_API_VERSION}/sobjects/Lead/00Q5e00000AbCdEEAV` },
        Id: "00Q5e00000AbCdEEAV",
        IsDeleted: false,
        FirstName: "Ada",
        LastName: "Lovelace",
        Name: "Ada Lovelace",
        Title: "CTO",
        Company: "Analytical Engines Ltd",
        Email: "ada@example.com",
        Phone: "(415) 555-0100",
        City: "San Francisco",
        Country: "United States",
        LeadSource: "Web",
        Status: "Open - Not Contacted",
        IsConverted: false,
        OwnerId: "0055e000003AbCdAAK",
        CreatedDate: "2024-05-14T09:21:37.000+0000",
        LastModifiedDate: "2024-05-14T09:21:37.000+0000",
      },
    }),
    defineAction({
      name: "query",
      label: "Query (SOQL)",
      description: "Run a SOQL query and output its records (GET /query).",
      props: { soql: z.string().trim().min(1, "Write the query").meta({ title: "SOQL", description: "e.g. SELECT Id, Name FROM Account WHERE Name = '{{ trigger.body.company }}' LIMIT 10", widget: "textarea" }) },
      defaults: { soql: "SELECT Id, Name, Email FROM Contact WHERE Email = '{{ trigger.body.email }}' LIMIT 1" },
      request: (p) => ({ method: "GET", path: "/query", query: { q: p.soql } }),
      pages: {
        items: ({ body }) => (body as { records?: unknown[] }).records ?? [],
        next: nextBatch,
      },
      output: ({ body }) => {
        const result = body as { records?: unknown[]; totalSize?: number; done?: boolean; nextRecordsUrl?: string } | null;
        return { records: result?.records ?? [], totalSize: result?.totalSize ?? 0, done: result?.done ?? true, ...(result?.nextRecordsUrl ? { nextRecordsUrl: result.nextRecordsUrl } : {}) };
      },
      sample: {
        totalSize: 1,
        done: true,
        records: [
          {
            attributes: { type: "Contact", url: `/services/data/${SALESFORCE_API_VERSION}/sobjects/Contact/003RO0000035WQgYAM` },
            Id: "003RO0000035WQgYAM",
            Name: "John Smith",
            Email: "john.smith@example.com",
          },
        ],
      },
    }),
  ],
  triggers: [
    definePolledTrigger({
      name: "onRecordChange",
      label: "On record created or updated",
      description: "Starts one run per record created (or created or updated) in an object, asking Salesforce with a SOQL query every “Poll every”.",
      props: {
        // Trigger settings take no expressions, and the object and fields go into the SOQL: API names only.
        object: z
          .string()
          .trim()
          .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "An object's API name, e.g. Lead, Account or Invoice__c")
          .meta({ title: "Object", description: "The object's API name: Lead, Contact, Account, Opportunity, Case, or a custom one (Invoice__c)." }),
        event: z.enum(["created", "updated"]).default("created").meta({ title: "Start a run when a record is", optionLabels: RECORD_EVENTS, description: "Created: by CreatedDate. Created or updated: by LastModifiedDate, so each change of a record starts a run." }),
        customFields: z
          .array(z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, "A custom field's API name, ending in __c"))
          .optional()
          .meta({ title: "Custom fields", description: "Custom fields (…__c) to read besides the standard ones, which every record has." }),
      },
      defaults: { object: "Lead", event: "created" },
      sample: {
        attributes: { type: "Lead", url: `/services/data/${SALESFORCE_API_VERSION}/sobjects/Lead/00Q5e00000AbCdEEAV` },
        Id: "00Q5e00000AbCdEEAV",
        FirstName: "Ada",
        LastName: "Lovelace",
        Company: "Analytical Engines Ltd",
        Email: "ada@example.com",
        Status: "Open - Not Contacted",
        OwnerId: "0055e000003AbCdAAK",
        CreatedDate: "2024-05-14T09:21:37.000+0000",
        LastModifiedDate: "2024-05-14T09:21:37.000+0000",
      },
      poll: {
        // Batches of 200 (the smallest Salesforce allows), so a poll's pages stay small.
        request: (p, cursor) => ({ method: "GET", path: "/query", query: { q: recordChangeQuery(p, cursor) }, headers: { "Sforce-Query-Options": "batchSize=200" } }),
        read: (response, p, cursor) => {
          const field = EVENT_FIELD[p.event];
          const records = ((response.body as { records?: SalesforceRecord[] } | null)?.records ?? []).filter((record) => typeof record.Id === "string" && typeof record[field] === "string");
          // The first poll's answer is newest first.
          if (cursor === undefined) records.reverse();
          const last = records.at(-1);
          const items = records.map((record) => ({ key: `${String(record.Id)}@${String(record[field])}`, body: record }));
          // A first poll of an object without records starts from the beginning of time: any record after it is new.
          return { items, cursor: last ? `${String(last[field])}|${String(last.Id)}` : (cursor ?? "1970-01-01T00:00:00.000+0000|"), next: nextBatch(response) };
        },
        describe: (p) => `${p.object} ${p.event === "created" ? "created" : "created or updated"}`,
      },
    }),
  ],
});
