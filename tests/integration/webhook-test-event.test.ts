import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "../support/auth";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow, listRuns } from "../support/workflows";

type View =
  | { state: "idle" }
  | { state: "expired"; sessionId: string; testUrl: string }
  | { state: "listening"; sessionId: string; testUrl: string; listeningUntil: string; lastRejection: { status: number; reason: string } | null }
  | { state: "captured"; sessionId: string; testUrl: string; capturedAt: string; output: { method: string; headers: Record<string, string>; query: Record<string, string>; body: unknown } };

const SECRET = "test-event-secret";
const sign = (body: string) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

const hook = chain("Test events", [
  { id: "hook", type: "trigger.webhook", config: { methods: ["POST", "PUT"], signature: { scheme: "github", secret: SECRET }, maxBodyBytes: 1024 } },
  { id: "shape", type: "transform.map", config: { expression: "trigger.body" } },
]);

describe.each(DATABASES)("webhook test events on %s", (kind) => {
  let server: TestServer;
  let id: string;
  let webhookUrl: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    ({ id, webhookUrl } = (await createWorkflow(server, hook)) as { id: string; webhookUrl: string });
  });

  afterAll(async () => {
    await server?.stop();
  });

  const testUrl = () => `${webhookUrl}/test`;
  const state = async () => (await server.api<View>(`/api/workflows/${id}/test-event`)).body;
  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": sign(body), ...headers }, body });

  it("answers 404 on the test URL while nobody listens", async () => {
    expect(await state()).toEqual({ state: "idle" });
    const response = await post(testUrl(), "{}");
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/Nobody is listening/);
    expect((await post(`${server.url}/api/hooks/no-such-token/test`, "{}")).status).toBe(404);
  });

  it("captures one request as the trigger output, whether the workflow is active or not, starting no run", async () => {
    expect((await server.api(`/api/workflows/${id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    const started = await server.api<View>(`/api/workflows/${id}/test-event`, { method: "POST" });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ state: "listening", testUrl: testUrl(), lastRejection: null });

    // Checked like the production URL: method, signature, body size, JSON; refusals keep it listening.
    const wrongMethod = await fetch(testUrl(), { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST, PUT");
    expect((await post(testUrl(), '{"a":1}', { "x-hub-signature-256": "sha256=00" })).status).toBe(401);
    expect((await post(testUrl(), JSON.stringify({ big: "x".repeat(2000) }))).status).toBe(413);
    expect((await post(testUrl(), "{not json")).status).toBe(400);
    const afterRefusals = await state();
    expect(afterRefusals).toMatchObject({ state: "listening", lastRejection: { status: 400, reason: expect.stringMatching(/not valid JSON/) } });

    const body = JSON.stringify({ order: 42, items: ["a", "b"] });
    const captured = await post(`${testUrl()}?source=test&x=1`, body, { authorization: "Bearer very-secret", "x-custom": "kept" });
    expect(captured.status).toBe(200);
    expect(await captured.json()).toMatchObject({ captured: true });

    const view = await state();
    expect(view.state).toBe("captured");
    if (view.state !== "captured") return;
    expect(view.sessionId).toBe(started.body.state === "listening" ? started.body.sessionId : "");
    expect(view.output).toMatchObject({ method: "POST", query: { source: "test", x: "1" }, body: { order: 42, items: ["a", "b"] } });
    expect(view.output.headers).toMatchObject({ "content-type": "application/json", "x-custom": "kept", authorization: "••••••", "x-hub-signature-256": "••••••" });

    // Listening ended with the capture; nothing ran and no delivery was recorded.
    expect((await post(testUrl(), body)).status).toBe(404);
    expect((await state()).state).toBe("captured");
    expect(await listRuns(server, id)).toEqual([]);
    const deliveries = await server.api<{ deliveries: unknown[] }>(`/api/workflows/${id}/deliveries`);
    expect(deliveries.body.deliveries).toEqual([]);
    expect((await server.api(`/api/workflows/${id}`, { method: "PATCH", body: { active: true } })).status).toBe(200);
  });

  it("captures the same trigger output a production delivery hands its run", async () => {
    await server.api(`/api/workflows/${id}/test-event`, { method: "POST" });
    const body = JSON.stringify({ same: true });
    const headers = { "content-type": "application/json", "x-hub-signature-256": sign(body), "x-request": "r-1" };
    expect((await fetch(`${testUrl()}?q=1`, { method: "PUT", headers, body })).status).toBe(200);
    const production = await fetch(`${webhookUrl}?q=1`, { method: "PUT", headers, body });
    expect(production.status).toBe(202);
    const { runId } = (await production.json()) as { runId: string };
    const run = await server.api<{ trigger: unknown }>(`/api/runs/${runId}`);
    const view = await state();
    if (view.state !== "captured") throw new Error(`expected a capture, got ${view.state}`);
    expect(view.output).toEqual(run.body.trigger);
  });

  it("stops listening on DELETE", async () => {
    await server.api(`/api/workflows/${id}/test-event`, { method: "POST" });
    expect((await state()).state).toBe("listening");
    expect((await server.api(`/api/workflows/${id}/test-event`, { method: "DELETE" })).status).toBe(204);
    expect(await state()).toEqual({ state: "idle" });
    expect((await post(testUrl(), "{}")).status).toBe(404);
  });

  it("keeps a workflow's test events to its own workspace and to editors", async () => {
    await server.api(`/api/workflows/${id}/test-event`, { method: "POST" });
    const stranger = await signUp(server.url, { email: "test-event-stranger@example.com", password: "stranger-password", origin: server.url });
    const asStranger = { apiKey: null, headers: { cookie: stranger, origin: server.url } };
    for (const method of ["GET", "POST", "DELETE"]) {
      expect((await server.api(`/api/workflows/${id}/test-event`, { method, ...asStranger })).status).toBe(404);
    }
    expect((await state()).state).toBe("listening");
    expect((await server.api(`/api/workflows/${id}/test-event`, { apiKey: null })).status).toBe(401);
    const invitation = await server.api<{ url: string }>("/api/invitations", { body: { role: "viewer" } });
    const viewer = await signUp(server.url, { email: "test-event-viewer@example.com", password: "viewer-password", origin: server.url, invitation: invitation.body.url.split("/invite/")[1] });
    expect((await server.api(`/api/workflows/${id}/test-event`, { apiKey: null, headers: { cookie: viewer, origin: server.url } })).status).toBe(403);
  });

  it("refuses to listen when the workflow's trigger is not a webhook, naming the field", async () => {
    const manual = await createWorkflow(server, chain("Manual", [{ id: "start", type: "trigger.manual", config: {} }]));
    const refused = await server.api<{ error: string; issues: { path: string; message: string }[] }>(`/api/workflows/${manual.id}/test-event`, { method: "POST" });
    expect(refused.status).toBe(409);
    expect(refused.body.issues[0]).toMatchObject({ path: "nodes", message: expect.stringMatching(/not a webhook/) });
    expect((await server.api(`/api/workflows/does-not-exist/test-event`, { method: "POST" })).status).toBe(404);
  });
});
