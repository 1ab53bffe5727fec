import { generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTED } from "@/lib/document/secret-fields";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi, type RecordedRequest } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow, finishedRuns, listRuns, step } from "../support/workflows";

const API_KEY = "SG.fakeSendGridKey.0123456789abcdefghijklmnopqrstuvwxyz";
const SETTINGS = "/sendgrid/v3/user/webhooks/event/settings";

interface EventWebhook {
  settings: Record<string, unknown>;
  signed: { privateKey: KeyObject; publicKey: string } | null;
}

/**
 * A fake of SendGrid's Event Webhook API (v3 reference, twilio/sendgrid-oai tsg_webhooks_v3) on
 * 127.0.0.1: create (201 with the webhook's settings and id), toggle signature verification
 * (`PATCH …/signed/{id}`: a P-256 key pair made for the webhook, answering its public key as
 * base64 DER) and delete (204; 404 for an unknown id). `post` delivers a list of events as
 * SendGrid does, signed with the webhook's private key over the timestamp and the body.
 */
function fakeSendGrid(api: LocalApi) {
  const webhooks = new Map<string, EventWebhook>();
  const state = { refuseSigning: false };
  const authorized = (req: RecordedRequest, res: Parameters<typeof json>[0]) => {
    if (req.headers.authorization === `Bearer ${API_KEY}`) return true;
    json(res, 401, { errors: [{ field: null, message: "authorization required" }] });
    return false;
  };
  api.setHandler(SETTINGS, (req, res) => {
    if (!authorized(req, res)) return;
    if (req.method !== "POST") return json(res, 405, { errors: [{ message: "method not allowed" }] });
    const settings = JSON.parse(req.body) as Record<string, unknown>;
    if (typeof settings.url !== "string" || !settings.url.startsWith("http")) return json(res, 400, { errors: [{ message: `'${String(settings.url)}' is not a valid url` }] });
    const id = randomUUID();
    const webhook: EventWebhook = { settings, signed: null };
    webhooks.set(id, webhook);
    api.setHandler(`${SETTINGS}/${id}`, (del, out) => {
      if (!authorized(del, out)) return;
      if (del.method !== "DELETE" || !webhooks.delete(id)) return json(out, 404, { errors: [{ message: "Invalid id provided." }] });
      out.writeHead(204);
      out.end();
    });
    api.setHandler(`${SETTINGS}/signed/${id}`, (patch, out) => {
      if (!authorized(patch, out)) return;
      if (patch.method !== "PATCH" || !webhooks.has(id)) return json(out, 404, { errors: [{ message: "Invalid id provided." }] });
      if (state.refuseSigning) return json(out, 403, { errors: [{ field: null, message: "access forbidden" }] });
      const { enabled } = JSON.parse(patch.body) as { enabled: boolean };
      const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      webhook.signed = enabled ? { privateKey, publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64") } : null;
      json(out, 200, { id, public_key: webhook.signed?.publicKey ?? "" });
    });
    json(res, 201, { ...settings, id, created_date: new Date().toISOString(), updated_date: new Date().toISOString() });
  });
  /** SendGrid's POST of a batch of events; `key` and `timestamp` stand for a forger's key and a replayed capture. */
  const post = (webhook: EventWebhook, events: object[], { key = webhook.signed!.privateKey, timestamp = Math.floor(Date.now() / 1000) } = {}) => {
    const body = JSON.stringify(events);
    const signature = sign("sha256", Buffer.from(`${timestamp}${body}`), key).toString("base64");
    return fetch(String(webhook.settings.url), {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "user-agent": "SendGrid Event API", "x-twilio-email-event-webhook-signature": signature, "x-twilio-email-event-webhook-timestamp": String(timestamp) },
    });
  };
  return { webhooks, state, post };
}

const event = (id: string, type: string, email = "ada@example.com", extra: Record<string, unknown> = {}) => ({
  email,
  timestamp: 1764928800,
  "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>",
  event: type,
  category: "receipts",
  sg_event_id: id,
  sg_message_id: "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
  ...extra,
});

interface Delivery {
  id: string;
  outcome: string;
  status: number;
  runId: string | null;
  reason: string | null;
  headers: Record<string, string>;
  body: string | null;
}

describe.each(DATABASES)("SendGrid email-event trigger on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;
  let fake: ReturnType<typeof fakeSendGrid>;
  let connectionId: string;

  beforeAll(async () => {
    api = await startLocalApi();
    fake = fakeSendGrid(api);
    server = await startTestServer(kind);
    connectionId = (await server.api<{ id: string }>("/api/connections", { body: { name: "SendGrid", type: "bearer", config: { baseUrl: `${api.url}/sendgrid/v3` }, secrets: { token: API_KEY } } })).body.id;
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  /** The runs' trigger bodies (one event each) and summaries, once `count` runs have finished. */
  async function eventsRun(workflowId: string, count: number) {
    return (await finishedRuns(server, workflowId, count)).map((run) => ({ body: (step(run, "email").output as { body: { sg_event_id: string } }).body, summary: step(run, "summary").output }));
  }

  it("registers a signed Event Webhook, starts one run per event asked for, refuses forgeries and never runs an event twice", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Bounces and deliveries", [
        { id: "email", type: "sendgrid.onEvent", config: { connectionId, events: ["delivered", "bounce"] } },
        { id: "summary", type: "transform.map", config: { expression: "trigger.body.event & ' ' & trigger.body.email" } },
      ]),
    );
    const [[id, webhook]] = [...fake.webhooks];
    // Every event's flag is sent, so SendGrid's defaults switch on nothing else.
    const { enabled, url, friendly_name: _name, ...flags } = webhook.settings;
    expect({ enabled, url }).toEqual({ enabled: true, url: workflow.webhookUrl });
    expect(Object.keys(flags)).toHaveLength(11);
    expect(Object.keys(flags).filter((flag) => flags[flag] === true)).toEqual(["delivered", "bounce"]);
    expect(webhook.signed).not.toBeNull();

    const batch = [event("ev-processed-1", "processed"), event("ev-delivered-1", "delivered"), event("ev-open-1", "open"), event("ev-bounce-1", "bounce", "grace@example.com", { type: "bounce", reason: "550 5.1.1 unknown user" })];
    // Signed with another key, or a capture replayed ten minutes later: refused.
    expect((await fake.post(webhook, batch, { key: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey })).status).toBe(401);
    expect((await fake.post(webhook, batch, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    expect(await listRuns(server, workflow.id)).toHaveLength(0);

    const accepted = await fake.post(webhook, batch);
    expect(accepted.status).toBe(202);
    const { runIds } = (await accepted.json()) as { runIds: string[] };
    expect(runIds).toHaveLength(2);
    const first = await eventsRun(workflow.id, 2);
    expect(first.map((run) => run.summary).sort()).toEqual(["bounce grace@example.com", "delivered ada@example.com"]);
    expect(first.find((run) => run.body.sg_event_id === "ev-bounce-1")!.body).toEqual(batch[3]);

    // SendGrid retries a batch it got no 2xx for: nothing runs again.
    const repeated = await fake.post(webhook, batch);
    expect(repeated.status).toBe(200);
    expect(await repeated.json()).toEqual({ runIds: expect.arrayContaining(runIds), duplicate: true });
    // A batch mixing a repeat with a new event runs only the new one; two copies of a batch arriving at once run its event once.
    const mixed = await fake.post(webhook, [event("ev-bounce-1", "bounce", "grace@example.com"), event("ev-delivered-2", "delivered", "alan@example.com")]);
    expect(mixed.status).toBe(202);
    expect(await mixed.json()).toMatchObject({ runIds: [expect.any(String)], repeats: 1 });
    const racing = [event("ev-delivered-3", "delivered", "edsger@example.com")];
    expect((await Promise.all([fake.post(webhook, racing), fake.post(webhook, racing)])).map((answer) => answer.status).sort()).toEqual([200, 202]);
    // Events not asked for start nothing and are answered 200, so SendGrid does not retry them.
    const notAskedFor = await fake.post(webhook, [event("ev-click-1", "click"), event("ev-open-2", "open")]);
    expect(notAskedFor.status).toBe(200);
    expect(await notAskedFor.json()).toEqual({ ignored: true });
    const all = await eventsRun(workflow.id, 4);
    expect(all.map((run) => run.body.sg_event_id).sort()).toEqual(["ev-bounce-1", "ev-delivered-1", "ev-delivered-2", "ev-delivered-3"]);

    // Deliveries: each batch as received (no run of its own, not re-sendable) and each event with its run (re-sendable); the signature masked.
    const { deliveries } = (await server.api<{ deliveries: Delivery[] }>(`/api/workflows/${workflow.id}/deliveries?limit=200`)).body;
    const events = deliveries.filter((delivery) => delivery.runId);
    expect(events.map((delivery) => JSON.parse(delivery.body!).sg_event_id).sort()).toEqual(["ev-bounce-1", "ev-delivered-1", "ev-delivered-2", "ev-delivered-3"]);
    const batches = deliveries.filter((delivery) => !delivery.runId);
    expect(batches.filter((delivery) => delivery.outcome === "rejected")).toHaveLength(2);
    expect(batches.filter((delivery) => delivery.outcome === "duplicate")).toHaveLength(2);
    expect(batches.filter((delivery) => delivery.outcome === "ignored")).toHaveLength(1);
    expect(new Set(deliveries.map((delivery) => delivery.headers["x-twilio-email-event-webhook-signature"]))).toEqual(new Set([REDACTED]));
    const received = batches.filter((delivery) => delivery.outcome === "accepted");
    expect(received.map((delivery) => delivery.reason)).toEqual([
      "1 event(s) asked for: 1 run(s) started, each with a delivery of its own",
      "2 event(s) asked for: 1 run(s) started, each with a delivery of its own; 1 repeat(s) of events seen before",
      "2 event(s) asked for: 2 run(s) started, each with a delivery of its own",
    ]);
    expect(events.find((delivery) => delivery.body!.includes("ev-bounce-1"))!.reason).toBe(`Event 2 of 2 in delivery ${received[2].id}`);
    expect((await server.api(`/api/workflows/${workflow.id}/deliveries/${received[2].id}/resend`, { method: "POST" })).status).toBe(409);
    const resent = await server.api<{ runId: string }>(`/api/workflows/${workflow.id}/deliveries/${events[0].id}/resend`, { method: "POST" });
    expect(resent.status).toBe(202);
    expect(await eventsRun(workflow.id, 5)).toHaveLength(5);

    // The public key is kept with the registration, never shown by the API; switching off deletes the webhook.
    expect(JSON.stringify((await server.api(`/api/workflows/${workflow.id}`)).body)).not.toContain(webhook.signed!.publicKey);
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(fake.webhooks.has(id)).toBe(false);
    expect((await fake.post(webhook, [event("ev-delivered-9", "delivered")])).status).toBe(404);
    await server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
  });

  it("a webhook SendGrid will not sign is deleted again and the workflow stays off, naming the trigger node", async () => {
    fake.state.refuseSigning = true;
    const workflow = await createWorkflow(server, chain("Unsigned", [{ id: "email", type: "sendgrid.onEvent", config: { connectionId, events: ["dropped"] } }]));
    expect(fake.webhooks.size).toBe(0);
    const on = await server.api<{ error: string; issues: { path: string; message: string }[] }>(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: true } });
    expect(on.status).toBe(409);
    expect(on.body.issues[0]).toMatchObject({ path: "nodes.email", message: expect.stringContaining("access forbidden") });
    expect(fake.webhooks.size).toBe(0);
    fake.state.refuseSigning = false;
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: true } })).status).toBe(200);
    expect([...fake.webhooks.values()].map((webhook) => [webhook.settings.dropped, webhook.signed !== null])).toEqual([[true, true]]);
    await server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
    expect(fake.webhooks.size).toBe(0);
  });
});
