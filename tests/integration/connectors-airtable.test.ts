import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, type DatabaseKind } from "../support/databases";
import { json, startLocalApi, type LocalApi, type RecordedRequest } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, finishedRuns, listRuns, step, waitForRun } from "../support/workflows";

const TOKEN = "patFakeAirtableToken.0123456789abcdef";
const BASE = "appFakeBase000001";
const TABLE = "tblFakeTable00001";
const DAY = 24 * 3_600_000;

interface Hook {
  notificationUrl: string;
  specification: { options: { filters: Record<string, unknown>; includes?: Record<string, unknown> } };
  macSecretBase64: string;
  expirationTime: string;
  /** payloads[i] has cursor i + 1, as Airtable numbers them. */
  payloads: unknown[];
  refreshes: number;
}

/**
 * A fake of Airtable's webhooks API (https://airtable.com/developers/web/api/webhooks-overview) on
 * 127.0.0.1, from its public reference: create (answers the id, `macSecretBase64` and
 * `expirationTime`), list payloads from a cursor (`cursor`, `mightHaveMore`, `payloads`), refresh
 * (a new `expirationTime`) and delete. `pageSize` stands for Airtable's page limit (50); `replay`
 * makes it list from the first payload whatever the cursor, as after a crash before the cursor
 * was stored.
 */
function fakeAirtable(api: LocalApi) {
  const hooks = new Map<string, Hook>();
  const state = { ids: 0, pageSize: 50, replay: false, expiresInMs: 7 * DAY, refuseRefresh: false };
  const prefix = `/airtable/v0/bases/${BASE}/webhooks`;
  const authorized = (req: RecordedRequest, res: Parameters<typeof json>[0]) => {
    if (req.headers.authorization === `Bearer ${TOKEN}`) return true;
    json(res, 401, { error: { type: "AUTHENTICATION_REQUIRED", message: "Authentication required" } });
    return false;
  };
  api.setHandler(prefix, (req, res) => {
    if (!authorized(req, res)) return;
    if (req.method !== "POST") return json(res, 404, { error: "NOT_FOUND" });
    const { notificationUrl, specification } = JSON.parse(req.body) as Pick<Hook, "notificationUrl" | "specification">;
    if (!specification?.options?.filters?.dataTypes) return json(res, 422, { error: { type: "INVALID_REQUEST_UNKNOWN", message: "specification.options.filters.dataTypes is required" } });
    const id = `ach${String(++state.ids).padStart(14, "0")}`;
    const hook: Hook = { notificationUrl, specification, macSecretBase64: randomBytes(32).toString("base64"), expirationTime: new Date(Date.now() + state.expiresInMs).toISOString(), payloads: [], refreshes: 0 };
    hooks.set(id, hook);
    api.setHandler(`${prefix}/${id}`, (del, out) => {
      if (!authorized(del, out)) return;
      if (del.method !== "DELETE" || !hooks.delete(id)) return json(out, 404, { error: "NOT_FOUND" });
      json(out, 200, {});
    });
    api.setHandler(`${prefix}/${id}/payloads`, (list, out) => {
      if (!authorized(list, out)) return;
      if (!hooks.has(id)) return json(out, 404, { error: "NOT_FOUND" });
      const asked = Number(new URL(list.url, "http://x").searchParams.get("cursor") ?? 1);
      const from = state.replay ? 1 : asked;
      const page = hook.payloads.slice(from - 1, from - 1 + state.pageSize);
      const cursor = from + page.length;
      json(out, 200, { cursor, mightHaveMore: cursor <= hook.payloads.length, payloads: page });
    });
    api.setHandler(`${prefix}/${id}/refresh`, (refresh, out) => {
      if (!authorized(refresh, out)) return;
      if (refresh.method !== "POST" || !hooks.has(id) || state.refuseRefresh) return json(out, 404, { error: "NOT_FOUND" });
      hook.refreshes++;
      hook.expirationTime = new Date(Date.now() + 7 * DAY).toISOString();
      json(out, 200, { expirationTime: hook.expirationTime });
    });
    json(res, 200, { id, macSecretBase64: hook.macSecretBase64, expirationTime: hook.expirationTime });
  });
  /** Airtable's notification: only a ping naming the base and webhook, signed with the webhook's MAC secret. */
  const ping = (id: string, secret = hooks.get(id)!.macSecretBase64) => {
    const body = JSON.stringify({ base: { id: BASE }, webhook: { id }, timestamp: new Date().toISOString() });
    const mac = createHmac("sha256", Buffer.from(secret, "base64")).update(body).digest("hex");
    return fetch(hooks.get(id)!.notificationUrl, { method: "POST", body, headers: { "content-type": "application/json; charset=utf-8", "x-airtable-content-mac": `hmac-sha256=${mac}` } });
  };
  return { hooks, state, ping, payloadsPath: (id: string) => `${prefix}/${id}/payloads` };
}

let transactions = 100;
/** A payload as Airtable lists it (v0), changing records of the trigger's table in one transaction. */
function payload(change: { created?: Record<string, Record<string, unknown>>; updated?: Record<string, { current: Record<string, unknown>; previous: Record<string, unknown>; unchanged?: Record<string, unknown> }>; deleted?: string[] }) {
  return {
    timestamp: new Date().toISOString(),
    baseTransactionNumber: ++transactions,
    payloadFormat: "v0",
    actionMetadata: { source: "client", sourceMetadata: { user: { id: "usrAda00000000001", email: "ada@example.com", permissionLevel: "create", name: "Ada Lovelace" } } },
    changedTablesById: {
      [TABLE]: {
        ...(change.created ? { createdRecordsById: Object.fromEntries(Object.entries(change.created).map(([id, cells]) => [id, { createdTime: "2026-12-05T10:00:00.000Z", cellValuesByFieldId: cells }])) } : {}),
        ...(change.updated
          ? {
              changedRecordsById: Object.fromEntries(
                Object.entries(change.updated).map(([id, u]) => [id, { current: { cellValuesByFieldId: u.current }, previous: { cellValuesByFieldId: u.previous }, unchanged: { cellValuesByFieldId: u.unchanged ?? {} } }]),
              ),
            }
          : {}),
        ...(change.deleted ? { destroyedRecordIds: change.deleted } : {}),
      },
    },
  };
}

const workflowOf = (connectionId: string, name: string) =>
  chain(name, [
    { id: "record", type: "airtable.onRecordChange", config: { connectionId, baseId: BASE, tableId: TABLE, changes: ["created", "updated", "deleted"] } },
    { id: "change", type: "transform.map", config: { expression: "trigger.body" } },
  ]);

async function changesOf(server: TestServer, workflowId: string, count: number) {
  // The trigger's output is the delivery; its body is the change.
  return (await finishedRuns(server, workflowId, count)).map((run) => (step(run, "record").output as { body: { action: string; recordId: string } & Record<string, unknown> }).body);
}

/** A server on `kind`, a fake Airtable on a local API and a connection to it, started before and stopped after the describe block's tests. */
function useAirtable(kind: DatabaseKind, env: Record<string, string> = {}) {
  const setup = {} as { server: TestServer; api: LocalApi; fake: ReturnType<typeof fakeAirtable>; connectionId: string };
  beforeAll(async () => {
    setup.api = await startLocalApi();
    setup.fake = fakeAirtable(setup.api);
    setup.server = await startTestServer(kind, { env });
    setup.connectionId = (await setup.server.api<{ id: string }>("/api/connections", { body: { name: "Airtable", type: "bearer", config: { baseUrl: `${setup.api.url}/airtable/v0` }, secrets: { token: TOKEN } } })).body.id;
  });
  afterAll(async () => {
    await setup.server?.stop();
    await setup.api?.close();
  });
  return setup;
}

describe.each(DATABASES)("Airtable record-change trigger on %s", (kind) => {
  const setup = useAirtable(kind);

  it("registers the webhook, fetches what a signed ping announces as one run per record, and never runs a change twice", async () => {
    const workflow = await createWorkflow(setup.server, workflowOf(setup.connectionId, "Record changes"));
    const [[id, hook]] = [...setup.fake.hooks];
    expect(hook.notificationUrl).toBe(workflow.webhookUrl);
    expect(hook.specification).toEqual({
      options: {
        filters: { dataTypes: ["tableData"], recordChangeScope: TABLE, changeTypes: ["add", "update", "remove"] },
        includes: { includeCellValuesInFieldIds: "all", includePreviousCellValues: true },
      },
    });

    hook.payloads.push(
      payload({
        created: { recNew00000000001: { fldName: "Union Square", fldStatus: "To visit" } },
        updated: { recOld00000000002: { current: { fldStatus: "Visited" }, previous: { fldStatus: "To visit" }, unchanged: { fldName: "Ferry Building" } } },
      }),
      payload({ deleted: ["recGone0000000003"] }),
    );
    // A ping signed with another secret is refused, and fetches nothing.
    expect((await setup.fake.ping(id, randomBytes(32).toString("base64"))).status).toBe(401);
    const pinged = await setup.fake.ping(id);
    expect(pinged.status).toBe(200);
    // Airtable asks for an empty body.
    expect(await pinged.text()).toBe("");
    const changes = await changesOf(setup.server, workflow.id, 3);
    expect(changes).toHaveLength(3);
    const byRecord = Object.fromEntries(changes.map((change) => [change.recordId, change]));
    const common = { baseId: BASE, tableId: TABLE, changedBy: { id: "usrAda00000000001", email: "ada@example.com", name: "Ada Lovelace" }, source: "client" };
    expect(byRecord.recNew00000000001).toMatchObject({ action: "created", ...common, fields: { fldName: "Union Square", fldStatus: "To visit" }, previous: null, createdTime: "2026-12-05T10:00:00.000Z", transaction: transactions - 1 });
    expect(byRecord.recOld00000000002).toMatchObject({ action: "updated", ...common, fields: { fldName: "Ferry Building", fldStatus: "Visited" }, previous: { fldStatus: "To visit" }, changedFieldIds: ["fldStatus"] });
    expect(byRecord.recGone0000000003).toMatchObject({ action: "deleted", ...common, fields: {}, transaction: transactions });
    expect(typeof byRecord.recGone0000000003.timestamp).toBe("string");

    // The same ping again: the cursor moved past those payloads, so nothing new runs. Then
    // Airtable lists everything from the start again (as after a crash before the cursor was
    // stored) with one new change: only the new change runs.
    const listed = setup.api.count(setup.fake.payloadsPath(id));
    expect((await setup.fake.ping(id)).status).toBe(200);
    await waitFor(async () => setup.api.count(setup.fake.payloadsPath(id)) > listed || undefined, { what: "a fetch after the repeated ping" });
    setup.fake.state.replay = true;
    hook.payloads.push(payload({ deleted: ["recLate0000000004"] }));
    expect((await setup.fake.ping(id)).status).toBe(200);
    const again = await changesOf(setup.server, workflow.id, 4);
    expect(again.map((change) => change.recordId).sort()).toEqual(["recGone0000000003", "recLate0000000004", "recNew00000000001", "recOld00000000002"]);
    setup.fake.state.replay = false;

    // Payloads over two pages (mightHaveMore) are all fetched after one ping.
    setup.fake.state.pageSize = 1;
    hook.payloads.push(payload({ created: { recPage0000000005: { fldName: "First page" } } }), payload({ created: { recPage0000000006: { fldName: "Second page" } } }));
    const before = setup.api.count(setup.fake.payloadsPath(id));
    expect((await setup.fake.ping(id)).status).toBe(200);
    const paged = await changesOf(setup.server, workflow.id, 6);
    expect(paged.filter((change) => change.recordId.startsWith("recPage")).map((change) => change.fields)).toEqual(expect.arrayContaining([{ fldName: "First page" }, { fldName: "Second page" }]));
    expect(setup.api.count(setup.fake.payloadsPath(id)) - before).toBeGreaterThanOrEqual(2);
    setup.fake.state.pageSize = 50;
    expect(await listRuns(setup.server, workflow.id)).toHaveLength(6);

    // Deliveries list the pings (no run of their own: re-sending one is refused) and each change with its run.
    const { deliveries } = (await setup.server.api<{ deliveries: { id: string; outcome: string; status: number; runId: string | null; reason: string | null }[] }>(`/api/workflows/${workflow.id}/deliveries?limit=200`)).body;
    const pings = deliveries.filter((delivery) => !delivery.runId);
    expect(pings.filter((delivery) => delivery.outcome === "rejected")).toHaveLength(1);
    expect(pings.filter((delivery) => delivery.outcome === "accepted" && delivery.status === 200).length).toBeGreaterThanOrEqual(4);
    expect(deliveries.filter((delivery) => delivery.runId)).toHaveLength(6);
    const ping = pings.find((delivery) => delivery.outcome === "accepted")!;
    expect((await setup.server.api(`/api/workflows/${workflow.id}/deliveries/${ping.id}/resend`, { method: "POST" })).status).toBe(409);

    // The MAC secret never shows in the API.
    expect(JSON.stringify((await setup.server.api(`/api/workflows/${workflow.id}`)).body)).not.toContain(hook.macSecretBase64);
    // Switching the workflow off deletes the webhook.
    expect((await setup.server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(setup.fake.hooks.has(id)).toBe(false);
    await setup.server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
  });

  it("a run per change sees the trigger's documented output in its steps", async () => {
    const workflow = await createWorkflow(
      setup.server,
      chain("Visited places", [
        { id: "record", type: "airtable.onRecordChange", config: { connectionId: setup.connectionId, baseId: BASE, tableId: TABLE, changes: ["updated"], watchFieldIds: ["fldStatus"] } },
        { id: "status", type: "transform.map", config: { expression: "trigger.body.fields.fldStatus & ' (was ' & trigger.body.previous.fldStatus & ')'" } },
      ]),
    );
    const [id, hook] = [...setup.fake.hooks].at(-1)!;
    expect(hook.specification.options.filters).toMatchObject({ changeTypes: ["update"], watchDataInFieldIds: ["fldStatus"] });
    hook.payloads.push(payload({ created: { recIgnored0000001: { fldStatus: "New" } }, updated: { recVisit000000001: { current: { fldStatus: "Visited" }, previous: { fldStatus: "To visit" } } } }));
    // Airtable may ping several times at once: fetches of one webhook take turns, and the change runs once.
    expect((await Promise.all([setup.fake.ping(id), setup.fake.ping(id), setup.fake.ping(id)])).map((answer) => answer.status)).toEqual([200, 200, 200]);
    const [run] = await waitFor(async () => {
      const runs = await listRuns(setup.server, workflow.id);
      return runs.length ? runs : undefined;
    });
    expect(step(await waitForRun(setup.server, run.id), "status").output).toBe("Visited (was To visit)");
    // A later change, fetched after those pings' fetches: then exactly two runs.
    hook.payloads.push(payload({ updated: { recVisit000000002: { current: { fldStatus: "Visited" }, previous: { fldStatus: "Closed" } } } }));
    expect((await setup.fake.ping(id)).status).toBe(200);
    const both = await changesOf(setup.server, workflow.id, 2);
    expect(both.map((change) => change.recordId).sort()).toEqual(["recVisit000000001", "recVisit000000002"]);
    expect((await setup.server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" })).status).toBe(204);
    expect(setup.fake.hooks.has(id)).toBe(false);
  });
});

describe.each(DATABASES)("Airtable webhook refresh job on %s", (kind) => {
  // The job's pass every second instead of every 12 hours.
  const setup = useAirtable(kind, { SWITCHBOARD_APP_WEBHOOK_INTERVAL_MS: "1000" });

  it("refreshes a webhook that expires within three days and fetches a change whose ping never came", async () => {
    setup.fake.state.expiresInMs = DAY;
    const workflow = await createWorkflow(setup.server, workflowOf(setup.connectionId, "Kept alive"));
    const [[id, hook]] = [...setup.fake.hooks];
    await waitFor(async () => hook.refreshes > 0 || undefined, { what: "a refresh" });
    // Created to expire within a day; the refresh (which may come before createWorkflow answers) moved it out of the three days.
    expect(Date.parse(hook.expirationTime)).toBeGreaterThan(Date.now() + 3 * DAY);

    // No ping: the job's pass fetches it.
    hook.payloads.push(payload({ created: { recMissed00000001: { fldName: "Missed ping" } } }));
    const [change] = await changesOf(setup.server, workflow.id, 1);
    expect(change).toMatchObject({ action: "created", recordId: "recMissed00000001", fields: { fldName: "Missed ping" } });
    // Passes keep going: the change is not run again.
    const listed = setup.api.count(setup.fake.payloadsPath(id));
    await waitFor(async () => setup.api.count(setup.fake.payloadsPath(id)) > listed + 1 || undefined, { what: "two more passes" });
    expect(await listRuns(setup.server, workflow.id)).toHaveLength(1);
    // Once refreshed, it is not refreshed again until it nears its expiry.
    expect(hook.refreshes).toBe(1);

    expect((await setup.server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(setup.fake.hooks.size).toBe(0);
  });

  it("a refresh Airtable refuses is logged without secrets and switches the workflow off, as a refused registration does", async () => {
    setup.fake.state.expiresInMs = DAY;
    setup.fake.state.refuseRefresh = true;
    const workflow = await createWorkflow(setup.server, workflowOf(setup.connectionId, "Refused refresh"));
    const [id, hook] = [...setup.fake.hooks].at(-1)!;
    await waitFor(async () => (await setup.server.api<{ active: boolean }>(`/api/workflows/${workflow.id}`)).body.active === false || undefined, { what: "the workflow switched off" });
    expect(setup.server.logs()).toMatch(new RegExp(`refreshing the Airtable webhook ${id} of workflow ${workflow.id} failed: .*404.*switched off`));
    expect(setup.server.logs()).not.toContain(TOKEN);
    expect(setup.server.logs()).not.toContain(hook.macSecretBase64);
    // Its registration is dropped (the webhook deleted, if Airtable still had it): switching it on registers anew.
    expect(setup.fake.hooks.has(id)).toBe(false);
    setup.fake.state.refuseRefresh = false;
    setup.fake.state.expiresInMs = 7 * DAY;
    expect((await setup.server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: true } })).status).toBe(200);
    expect([...setup.fake.hooks.values()].filter((h) => h.notificationUrl === workflow.webhookUrl)).toHaveLength(1);
    await setup.server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
  });
});
