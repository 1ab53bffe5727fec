import { describe, expect, it } from "vitest";
import { airtable } from "@/lib/connectors/airtable";
import { getNodeDefinition } from "@/lib/nodes";

const trigger = airtable.triggers!.find((t) => t.name === "onRecordChange")!;
const changes = trigger.changes!;
const context = { settings: {}, digest: () => "" };

/** A payload as GET /bases/{baseId}/webhooks/{webhookId}/payloads lists it (Airtable's reference, with every cell value and the previous ones included). */
const payload = {
  timestamp: "2022-02-01T21:25:05.663Z",
  baseTransactionNumber: 4,
  payloadFormat: "v0",
  actionMetadata: { source: "client", sourceMetadata: { user: { id: "usr00000000000000", email: "foo@bar.com", permissionLevel: "create", name: "Foo Bar" } } },
  changedTablesById: {
    tbl00000000000000: {
      createdRecordsById: { rec00000000000001: { createdTime: "2022-02-01T21:25:05.000Z", cellValuesByFieldId: { fldName: "New one", fldStatus: "To do" } } },
      changedRecordsById: {
        rec00000000000002: {
          current: { cellValuesByFieldId: { fldStatus: "Done" } },
          previous: { cellValuesByFieldId: { fldStatus: "To do" } },
          unchanged: { cellValuesByFieldId: { fldName: "Old one" } },
        },
        rec00000000000003: { current: { cellValuesByFieldId: { fldNotes: "typo fixed" } }, previous: { cellValuesByFieldId: { fldNotes: "typo" } }, unchanged: { cellValuesByFieldId: { fldName: "Third" } } },
      },
      destroyedRecordIds: ["rec00000000000004"],
    },
    tblSomeOtherTable0: { destroyedRecordIds: ["rec00000000000009"] },
  },
};

const props = (extra: Record<string, unknown> = {}) => ({ baseId: "app00000000000000", tableId: "tbl00000000000000", changes: ["created", "updated", "deleted"], ...extra });

describe("airtable.onRecordChange", () => {
  it("turns a payload into one run per record changed in the table, keyed by transaction, record and action", () => {
    const runs = changes.runs(props(), payload);
    expect(runs.map((run) => run.key)).toEqual(["airtable:4:rec00000000000001:created", "airtable:4:rec00000000000002:updated", "airtable:4:rec00000000000003:updated", "airtable:4:rec00000000000004:deleted"]);
    const common = { baseId: "app00000000000000", tableId: "tbl00000000000000", changedBy: { id: "usr00000000000000", email: "foo@bar.com", name: "Foo Bar" }, source: "client", timestamp: "2022-02-01T21:25:05.663Z", transaction: 4 };
    expect(runs[0].body).toEqual({ action: "created", ...common, recordId: "rec00000000000001", fields: { fldName: "New one", fldStatus: "To do" }, previous: null, changedFieldIds: [], createdTime: "2022-02-01T21:25:05.000Z" });
    expect(runs[1].body).toEqual({ action: "updated", ...common, recordId: "rec00000000000002", fields: { fldName: "Old one", fldStatus: "Done" }, previous: { fldStatus: "To do" }, changedFieldIds: ["fldStatus"], createdTime: null });
    expect(runs[3].body).toEqual({ action: "deleted", ...common, recordId: "rec00000000000004", fields: {}, previous: null, changedFieldIds: [], createdTime: null });
  });

  it("keeps only the changes asked for, and updates only when a watched field changed", () => {
    expect(changes.runs(props({ changes: ["deleted"] }), payload).map((run) => run.key)).toEqual(["airtable:4:rec00000000000004:deleted"]);
    const watched = changes.runs(props({ changes: ["updated"], watchFieldIds: ["fldStatus"] }), payload);
    expect(watched.map((run) => run.key)).toEqual(["airtable:4:rec00000000000002:updated"]);
    expect(changes.runs(props({ tableId: "tblNotInThePayload" }), payload)).toEqual([]);
    // A payload without user metadata (an automation's change) has no changedBy.
    const { actionMetadata: _metadata, ...anonymous } = payload;
    expect(changes.runs(props({ changes: ["deleted"] }), anonymous)[0].body).toMatchObject({ changedBy: null, source: null });
  });

  it("registers a webhook scoped to the table's record data, with cell values and previous values included", () => {
    const request = trigger.register!.create(props({ changes: ["created", "updated"] }), { url: "https://switchboard.example/api/hooks/abc", secret: "unused" }, context);
    expect(request).toEqual({
      method: "POST",
      path: "/bases/app00000000000000/webhooks",
      json: {
        notificationUrl: "https://switchboard.example/api/hooks/abc",
        specification: {
          options: {
            filters: { dataTypes: ["tableData"], recordChangeScope: "tbl00000000000000", changeTypes: ["add", "update"] },
            includes: { includeCellValuesInFieldIds: "all", includePreviousCellValues: true },
          },
        },
      },
    });
    // Watched fields go to Airtable only when updates alone are asked for; otherwise they filter updates here.
    const onlyUpdates = trigger.register!.create(props({ changes: ["updated"], watchFieldIds: ["fldStatus"] }), { url: "https://x.example/h", secret: "" }, context);
    expect((onlyUpdates.json as { specification: { options: { filters: unknown } } }).specification.options.filters).toMatchObject({ changeTypes: ["update"], watchDataInFieldIds: ["fldStatus"] });
    expect(trigger.register!.read({ status: 200, headers: {}, body: { id: "ach00000000000000", macSecretBase64: "c2VjcmV0", expirationTime: "2023-01-30T00:00:00.000Z" } })).toEqual({ id: "ach00000000000000", secret: "c2VjcmV0", expiresAt: "2023-01-30T00:00:00.000Z" });
    expect(changes.request(props(), "ach1", 7, context)).toEqual({ method: "GET", path: "/bases/app00000000000000/webhooks/ach1/payloads", query: { cursor: 7 } });
    expect(changes.read({ status: 200, headers: {}, body: { payloads: [payload], cursor: 5, mightHaveMore: true } })).toEqual({ payloads: [payload], cursor: 5, more: true });
  });

  it("asks for a table id and at least one change", () => {
    const definition = getNodeDefinition("airtable.onRecordChange")!;
    expect(definition.config.safeParse({ connectionId: "c", baseId: "app1", tableId: "Table 1", changes: ["created"] }).success).toBe(false);
    expect(definition.config.safeParse({ connectionId: "c", baseId: "{{ trigger.base }}", tableId: "tbl00000000000000", changes: ["created"] }).success).toBe(false);
    expect(definition.config.safeParse({ connectionId: "c", baseId: "app1", tableId: "tbl00000000000000", changes: [] }).success).toBe(false);
    expect(definition.config.safeParse({ connectionId: "c", baseId: "app1", tableId: "tbl00000000000000", changes: ["deleted"] }).success).toBe(true);
  });
});
