import { describe, expect, it } from "vitest";
import { polledTriggerOf } from "@/lib/connectors";
import type { ConnectorResponse, PolledTrigger } from "@/lib/connectors/define";
import { googleSheets } from "@/lib/connectors/google-sheets";
import { salesforce } from "@/lib/connectors/salesforce";
import { getNodeDefinition, isPolled, receivesWebhooks } from "@/lib/nodes";
import { describeTrigger } from "@/lib/triggers/describe";

const context = { settings: {}, digest: () => "" };
const answer = (body: unknown): ConnectorResponse => ({ status: 200, headers: { "content-type": "application/json" }, body });
const polledOf = (triggers: unknown[] | undefined, name: string) => (triggers as PolledTrigger[]).find((t) => t.name === name)!.poll;

describe("polled app triggers in the framework", () => {
  it("get a connection, an interval and 'emit existing' beside their props, and are polls rather than webhooks", () => {
    const definition = getNodeDefinition("google-sheets.onNewRow")!;
    const parsed = definition.config.parse({ connectionId: "conn_1", spreadsheetId: "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms" }) as Record<string, unknown>;
    expect(parsed).toMatchObject({ connectionId: "conn_1", sheet: "Sheet1", headerRow: 1, interval: "5m", emitExisting: false });
    expect(definition.outputExample!(parsed)).toMatchObject({ body: { rowNumber: 43, Email: "ada@example.com" }, polledAt: expect.any(String) });
    expect(isPolled("google-sheets.onNewRow") && isPolled("salesforce.onRecordChange") && isPolled("trigger.poll")).toBe(true);
    expect(receivesWebhooks("google-sheets.onNewRow") || receivesWebhooks("salesforce.onRecordChange")).toBe(false);
    expect(receivesWebhooks("stripe.onEvent") && !isPolled("stripe.onEvent")).toBe(true);
  });

  it("names the field of bad input, and takes no expressions where a query is built from the value", () => {
    const definition = getNodeDefinition("salesforce.onRecordChange")!;
    const result = definition.config.safeParse({ connectionId: "c", object: "Lead WHERE Id != null", event: "created", customFields: ["Name"] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join("."))).toEqual(["object", "customFields.0"]);
    const sheets = getNodeDefinition("google-sheets.onNewRow")!.config.safeParse({ connectionId: "c", spreadsheetId: "{{ trigger.body.id }}", sheet: "{{ trigger.body.tab }}" });
    expect(sheets.error!.issues.map((issue) => issue.path.join("."))).toEqual(["spreadsheetId", "sheet"]);
  });

  it("describes what is watched and how often for the workflows list", () => {
    expect(describeTrigger("google-sheets.onNewRow", { connectionId: "c", spreadsheetId: "abc", sheet: "Leads", interval: "1m" })).toBe("New rows of Leads every 1m");
    expect(describeTrigger("salesforce.onRecordChange", { connectionId: "c", object: "Opportunity", event: "updated" })).toBe("Opportunity created or updated every 5m");
    expect(polledTriggerOf("salesforce.onRecordChange", { connectionId: "c", object: "Lead", event: "created", emitExisting: true })).toMatchObject({ connectionId: "c", props: { object: "Lead", event: "created" }, interval: "5m", emitExisting: true });
    expect(polledTriggerOf("stripe.onEvent", {})).toBeUndefined();
  });
});

describe("google-sheets.onNewRow", () => {
  const poll = polledOf(googleSheets.triggers, "onNewRow");
  const props = { spreadsheetId: "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms", sheet: "Sign ups", headerRow: 1 };
  /** A ValueRange as spreadsheets.values.get answers for a whole tab: trailing blank rows and cells left out. */
  const sheet = answer({
    range: "'Sign ups'!A1:Z1000",
    majorDimension: "ROWS",
    values: [
      ["Name", "Email", "Plan"],
      ["Ada Lovelace", "ada@example.com", "Pro"],
      [],
      ["Alan Turing", "alan@example.com"],
    ],
  });

  it("asks for the whole tab, its name quoted, as formatted values in rows", () => {
    const request = poll.request(props, "4", context);
    expect(request).toEqual({ method: "GET", path: "/spreadsheets/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/values/'Sign%20ups'", query: { majorDimension: "ROWS", valueRenderOption: "FORMATTED_VALUE" } });
  });

  it("reads the rows below the header on the first poll, by column name with their row numbers, skipping blank rows", () => {
    const page = poll.read(sheet, props, undefined);
    expect(page.items.map((item) => item.body)).toEqual([
      { rowNumber: 2, Name: "Ada Lovelace", Email: "ada@example.com", Plan: "Pro" },
      { rowNumber: 4, Name: "Alan Turing", Email: "alan@example.com", Plan: "" },
    ]);
    expect(page.cursor).toBe("4");
    expect(page.next).toBeUndefined();
  });

  it("later reads only the rows after the cursor; the cursor follows the last row, also down after deletions", () => {
    expect(poll.read(sheet, props, "2").items.map((item) => (item.body as { rowNumber: number }).rowNumber)).toEqual([4]);
    expect(poll.read(sheet, props, "4")).toEqual({ items: [], cursor: "4" });
    expect(poll.read(sheet, props, "9")).toEqual({ items: [], cursor: "4" });
  });

  it("keys a row by its number and cells, and reads a header row below the top", () => {
    const [ada] = poll.read(sheet, props, undefined).items;
    const edited = answer({ range: "'Sign ups'!A1:Z1000", values: [["Name", "Email", "Plan"], ["Ada Lovelace", "ada@example.com", "Free"]] });
    expect(poll.read(edited, props, undefined).items[0].key).not.toBe(ada.key);
    expect(ada.key).toMatch(/^row:2:/);
    const titled = answer({ range: "Sheet1!A1:C3", values: [["Sign ups 2025"], ["Name", "Email"], ["Grace Hopper", "grace@example.com"]] });
    expect(poll.read(titled, { ...props, headerRow: 2 }, undefined)).toMatchObject({ items: [{ body: { rowNumber: 3, Name: "Grace Hopper", Email: "grace@example.com" } }], cursor: "3" });
  });

  it("an empty tab records the header row as the cursor", () => {
    expect(poll.read(answer({ range: "Sheet1!A1:Z1000", majorDimension: "ROWS" }), props, undefined)).toEqual({ items: [], cursor: "1" });
  });
});

describe("salesforce.onRecordChange", () => {
  const poll = polledOf(salesforce.triggers, "onRecordChange");
  const props = { object: "Lead", event: "created" as const };
  const queryOf = (cursor: string | undefined, p: Record<string, unknown> = props) => poll.request(p, cursor, context).query!.q;
  const record = (id: string, created: string, modified = created) => ({ attributes: { type: "Lead", url: `/services/data/v62.0/sobjects/Lead/${id}` }, Id: id, LastName: id, CreatedDate: created, LastModifiedDate: modified });

  it("first asks for the newest records, then for those after the cursor's time and Id, in 200-record batches", () => {
    expect(queryOf(undefined)).toBe("SELECT FIELDS(STANDARD) FROM Lead ORDER BY CreatedDate DESC, Id DESC LIMIT 100");
    expect(queryOf("2024-05-14T09:21:37.000+0000|00Q5e00000AbCdEEAV")).toBe(
      "SELECT FIELDS(STANDARD) FROM Lead WHERE CreatedDate > 2024-05-14T09:21:37Z OR (CreatedDate = 2024-05-14T09:21:37Z AND Id > '00Q5e00000AbCdEEAV') ORDER BY CreatedDate ASC, Id ASC",
    );
    expect(queryOf("1970-01-01T00:00:00.000+0000|", { object: "Invoice__c", event: "updated", customFields: ["Total__c", "Total__c"] })).toBe(
      "SELECT FIELDS(STANDARD), Total__c FROM Invoice__c WHERE LastModifiedDate > 1970-01-01T00:00:00Z ORDER BY LastModifiedDate ASC, Id ASC",
    );
    expect(poll.request(props, undefined, context)).toMatchObject({ method: "GET", path: "/query", headers: { "Sforce-Query-Options": "batchSize=200" } });
  });

  it("reads records oldest first, keyed by Id and time, with the last one as the cursor and the next batch from nextRecordsUrl", () => {
    const first = poll.read(answer({ totalSize: 2, done: true, records: [record("00Q000000000002AAA", "2024-05-14T10:00:00.000+0000"), record("00Q000000000001AAA", "2024-05-14T09:00:00.000+0000")] }), props, undefined);
    expect(first.items.map((item) => item.key)).toEqual(["00Q000000000001AAA@2024-05-14T09:00:00.000+0000", "00Q000000000002AAA@2024-05-14T10:00:00.000+0000"]);
    expect(first.cursor).toBe("2024-05-14T10:00:00.000+0000|00Q000000000002AAA");
    expect(first.next).toBeUndefined();

    const paged = poll.read(
      answer({ totalSize: 3, done: false, nextRecordsUrl: "/services/data/v62.0/query/01gD0000002HU6KIAW-200", records: [record("00Q000000000003AAA", "2024-05-14T11:00:00.000+0000", "2024-05-15T08:00:00.000+0000")] }),
      { object: "Lead", event: "updated" },
      first.cursor,
    );
    expect(paged).toEqual({
      items: [{ key: "00Q000000000003AAA@2024-05-15T08:00:00.000+0000", body: expect.objectContaining({ Id: "00Q000000000003AAA" }) }],
      cursor: "2024-05-15T08:00:00.000+0000|00Q000000000003AAA",
      next: { method: "GET", path: "/query/01gD0000002HU6KIAW-200" },
    });
  });

  it("an object without records starts from the beginning of time; an empty later batch keeps the cursor", () => {
    expect(poll.read(answer({ totalSize: 0, done: true, records: [] }), props, undefined).cursor).toBe("1970-01-01T00:00:00.000+0000|");
    expect(poll.read(answer({ totalSize: 0, done: true, records: [] }), props, "2024-05-14T10:00:00.000+0000|00Q000000000002AAA").cursor).toBe("2024-05-14T10:00:00.000+0000|00Q000000000002AAA");
  });
});
