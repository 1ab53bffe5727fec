import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi, type RecordedRequest } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, getRun, listRuns, step } from "../support/workflows";

const SHEETS_TOKEN = "ya29.FakeGoogleAccessToken0123456789";
const SALESFORCE_TOKEN = "00Dfake!SalesforcePollingToken";
const SPREADSHEET = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";
const SHEET_PATH = `/sheets/v4/spreadsheets/${SPREADSHEET}/values/'Sign%20ups'`;
const QUERY_PATH = "/salesforce/services/data/v62.0/query";

type Response = Parameters<typeof json>[0];
const bearer = (token: string, req: RecordedRequest, res: Response, refusal: unknown) => {
  if (req.headers.authorization === `Bearer ${token}`) return true;
  json(res, 401, refusal);
  return false;
};

/**
 * A fake of spreadsheets.values.get (Sheets API v4 reference) for one tab: a ValueRange of the
 * whole tab, rows as lists of formatted values, trailing blank rows and cells left out.
 */
function fakeSheets(api: LocalApi) {
  const rows: string[][] = [["Name", "Email", "Plan"]];
  api.setHandler(SHEET_PATH, (req, res) => {
    if (!bearer(SHEETS_TOKEN, req, res, { error: { code: 401, message: "Request had invalid authentication credentials.", status: "UNAUTHENTICATED" } })) return;
    const query = new URL(req.url, "http://x").searchParams;
    if (query.get("majorDimension") !== "ROWS") return json(res, 400, { error: { code: 400, message: "majorDimension", status: "INVALID_ARGUMENT" } });
    json(res, 200, { range: "'Sign ups'!A1:Z1000", majorDimension: "ROWS", values: rows.map((row) => [...row]) });
  });
  return { rows };
}

interface Lead {
  Id: string;
  LastName: string;
  CreatedDate: string;
  LastModifiedDate: string;
}

/**
 * A fake of the REST API's query resource (Query, Query More Results) for the SOQL the trigger
 * sends: FIELDS(STANDARD) of Lead, filtered by a time field and Id, ordered, limited, in batches
 * of `batchSize` records (Salesforce may answer fewer than asked) with a nextRecordsUrl locator.
 */
function fakeSalesforce(api: LocalApi) {
  const leads: Lead[] = [];
  const state = { batchSize: 200, locators: 0, queries: [] as string[] };
  const refusal = [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }];
  const answer = (res: Response, records: Lead[], offset: number) => {
    const batch = records.slice(offset, offset + state.batchSize);
    const more = offset + batch.length < records.length;
    let nextRecordsUrl: string | undefined;
    if (more) {
      nextRecordsUrl = `/services/data/v62.0/query/01gFAKE${++state.locators}-${offset + batch.length}`;
      api.setHandler(`/salesforce${nextRecordsUrl}`, (req, out) => {
        if (bearer(SALESFORCE_TOKEN, req, out, refusal)) answer(out, records, offset + batch.length);
      });
    }
    json(res, 200, { totalSize: records.length, done: !more, ...(more ? { nextRecordsUrl } : {}), records: batch.map((lead) => ({ attributes: { type: "Lead", url: `/services/data/v62.0/sobjects/Lead/${lead.Id}` }, ...lead })) });
  };
  api.setHandler(QUERY_PATH, (req, res) => {
    if (!bearer(SALESFORCE_TOKEN, req, res, refusal)) return;
    const q = new URL(req.url, "http://x").searchParams.get("q") ?? "";
    state.queries.push(q);
    const shape = /^SELECT FIELDS\(STANDARD\) FROM Lead(?: WHERE (\w+) > (\S+?)(?: OR \(\w+ = \S+ AND Id > '(\w+)'\))?)? ORDER BY (\w+) (ASC|DESC), Id (?:ASC|DESC)(?: LIMIT (\d+))?$/.exec(q);
    if (!shape) return json(res, 400, [{ message: `unexpected query: ${q}`, errorCode: "MALFORMED_QUERY" }]);
    const [, field, since, afterId, orderBy, direction, limit] = shape;
    const time = (lead: Lead) => Date.parse(lead[orderBy as "CreatedDate"].replace("+0000", "Z"));
    let records = [...leads].sort((a, b) => time(a) - time(b) || (a.Id < b.Id ? -1 : 1));
    if (field) {
      const from = Date.parse(since);
      records = records.filter((lead) => time(lead) > from || (afterId !== undefined && time(lead) === from && lead.Id > afterId));
    }
    if (direction === "DESC") records.reverse();
    if (limit) records = records.slice(0, Number(limit));
    answer(res, records, 0);
  });
  let ids = 0;
  const add = (name: string, created: string) => leads.push({ Id: `00Q5e0000${String(++ids).padStart(9, "0")}`, LastName: name, CreatedDate: created, LastModifiedDate: created });
  return { leads, state, add };
}

const bodiesOf = async (server: TestServer, workflowId: string, count: number) => {
  const runs = await waitFor(async () => {
    const listed = await listRuns(server, workflowId);
    return listed.length >= count && listed.every((run) => ["completed", "failed"].includes(run.status)) ? listed : undefined;
  }, { what: `${count} runs` });
  const details = await Promise.all(runs.map((run) => getRun(server, run.id)));
  return details.map((run) => (step(run, "trigger").output as { body: Record<string, unknown>; polledAt: string }).body);
};

describe.each(DATABASES)("polled app triggers on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;
  let sheets: ReturnType<typeof fakeSheets>;
  let sf: ReturnType<typeof fakeSalesforce>;
  const connection: Record<string, string> = {};

  beforeAll(async () => {
    api = await startLocalApi();
    sheets = fakeSheets(api);
    sf = fakeSalesforce(api);
    server = await startTestServer(kind);
    const connect = async (name: string, baseUrl: string, token: string) => (await server.api<{ id: string }>("/api/connections", { body: { name, type: "bearer", config: { baseUrl }, secrets: { token } } })).body.id;
    connection.sheets = await connect("Google", `${api.url}/sheets/v4`, SHEETS_TOKEN);
    connection.salesforce = await connect("Salesforce", `${api.url}/salesforce/services/data/v62.0`, SALESFORCE_TOKEN);
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("Google Sheets: the first poll notes the rows there; each row added later starts exactly one run, shaped as 'Look up rows' gives rows", async () => {
    sheets.rows.push(["Ada Lovelace", "ada@example.com", "Pro"], ["Alan Turing", "alan@example.com", "Free"]);
    const workflow = await createWorkflow(
      server,
      chain("New sign ups", [
        { id: "trigger", type: "google-sheets.onNewRow", config: { connectionId: connection.sheets, spreadsheetId: SPREADSHEET, sheet: "Sign ups", headerRow: 1, interval: "1s" } },
        { id: "email", type: "transform.map", config: { expression: "trigger.body.Email" } },
      ]),
    );
    // Two polls: the rows already there start nothing.
    await waitFor(async () => api.count(SHEET_PATH) >= 2 || undefined, { what: "two polls" });
    expect(await listRuns(server, workflow.id)).toHaveLength(0);

    sheets.rows.push(["Grace Hopper", "grace@example.com", "Pro"], [], ["Edsger Dijkstra", "edsger@example.com"]);
    const bodies = await bodiesOf(server, workflow.id, 2);
    expect(bodies.sort((a, b) => Number(a.rowNumber) - Number(b.rowNumber))).toEqual([
      { rowNumber: 4, Name: "Grace Hopper", Email: "grace@example.com", Plan: "Pro" },
      { rowNumber: 6, Name: "Edsger Dijkstra", Email: "edsger@example.com", Plan: "" },
    ]);
    const [run] = await listRuns(server, workflow.id);
    expect(run.triggerKind).toBe("poll");

    // More polls of an unchanged tab start nothing more.
    const polls = api.count(SHEET_PATH);
    await waitFor(async () => api.count(SHEET_PATH) >= polls + 2 || undefined, { what: "two more polls" });
    expect(await listRuns(server, workflow.id)).toHaveLength(2);

    // A polled trigger shows no webhook URL.
    expect(workflow.webhookUrl).toBeUndefined();
    // The token reaches the fake only: it is in no run and no log.
    expect(JSON.stringify(await getRun(server, run.id))).not.toContain(SHEETS_TOKEN);
    expect(server.logs()).not.toContain(SHEETS_TOKEN);
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
  });

  it("Salesforce: the first poll notes the newest records; records created later start one run each, across batches, and never twice", async () => {
    sf.add("Existing", "2026-01-05T09:00:00.000+0000");
    sf.add("Also existing", "2026-01-05T09:30:00.000+0000");
    const workflow = await createWorkflow(
      server,
      chain("New leads", [{ id: "trigger", type: "salesforce.onRecordChange", config: { connectionId: connection.salesforce, object: "Lead", event: "created", interval: "1s" } }]),
    );
    await waitFor(async () => sf.state.queries.length >= 2 || undefined, { what: "two polls" });
    expect(sf.state.queries[0]).toBe("SELECT FIELDS(STANDARD) FROM Lead ORDER BY CreatedDate DESC, Id DESC LIMIT 100");
    expect(await listRuns(server, workflow.id)).toHaveLength(0);

    // Three new leads, two created in the same second, answered in batches of two.
    sf.state.batchSize = 2;
    sf.add("Hopper", "2026-01-05T10:00:00.000+0000");
    sf.add("Lovelace", "2026-01-05T10:00:00.000+0000");
    sf.add("Turing", "2026-01-05T10:05:00.000+0000");
    const bodies = await bodiesOf(server, workflow.id, 3);
    expect(bodies.map((body) => body.LastName).sort()).toEqual(["Hopper", "Lovelace", "Turing"]);
    expect(bodies[0]).toMatchObject({ attributes: { type: "Lead" }, Id: expect.any(String), CreatedDate: expect.any(String) });
    expect(sf.state.locators).toBeGreaterThanOrEqual(1);

    // Later polls ask from the last record's time and Id, and start nothing more.
    const queries = sf.state.queries.length;
    await waitFor(async () => sf.state.queries.length >= queries + 2 || undefined, { what: "two more polls" });
    const turing = sf.leads.find((lead) => lead.LastName === "Turing")!;
    expect(sf.state.queries.at(-1)).toBe(
      `SELECT FIELDS(STANDARD) FROM Lead WHERE CreatedDate > 2026-01-05T10:05:00Z OR (CreatedDate = 2026-01-05T10:05:00Z AND Id > '${turing.Id}') ORDER BY CreatedDate ASC, Id ASC`,
    );
    expect(await listRuns(server, workflow.id)).toHaveLength(3);

    // One more lead in the same second as the last: it runs once.
    sf.add("Dijkstra", "2026-01-05T10:05:00.000+0000");
    const after = await bodiesOf(server, workflow.id, 4);
    expect(after.map((body) => body.LastName).sort()).toEqual(["Dijkstra", "Hopper", "Lovelace", "Turing"]);
    const settled = sf.state.queries.length;
    await waitFor(async () => sf.state.queries.length >= settled + 2 || undefined, { what: "two more polls" });
    expect(await listRuns(server, workflow.id)).toHaveLength(4);
    expect(server.logs()).not.toContain(SALESFORCE_TOKEN);
    await server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
  });

  it("asked to, the first poll starts runs for the items already there", async () => {
    const workflow = await createWorkflow(
      server,
      chain("All sign ups", [{ id: "trigger", type: "google-sheets.onNewRow", config: { connectionId: connection.sheets, spreadsheetId: SPREADSHEET, sheet: "Sign ups", interval: "1s", emitExisting: true } }]),
    );
    const bodies = await bodiesOf(server, workflow.id, 4);
    expect(bodies.map((body) => body.rowNumber).sort()).toEqual([2, 3, 4, 6]);
    const polls = api.count(SHEET_PATH);
    await waitFor(async () => api.count(SHEET_PATH) >= polls + 2 || undefined, { what: "two more polls" });
    expect(await listRuns(server, workflow.id)).toHaveLength(4);
    await server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
  });
});
