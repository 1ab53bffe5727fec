import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";

interface ConnectionView {
  id: string;
  name: string;
  type: string;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  lastTest: { ok: boolean; message: string } | null;
  breaker: { state: string };
}

describe.each(DATABASES)("connections API (%s)", (kind) => {
  let server: TestServer;
  let api: LocalApi;

  beforeAll(async () => {
    api = await startLocalApi({
      "/me": (req, res) => (["Bearer tok-1234567890", "Bearer at-oauth-5555aaaa"].includes(String(req.headers.authorization)) ? json(res, 200, { me: "ann" }) : json(res, 401, { error: "who?" })),
      "/oauth/token": (req, res) =>
        req.headers.authorization === `Basic ${Buffer.from("client-a:cs-0987654321").toString("base64")}` && req.body.includes("grant_type=client_credentials")
          ? json(res, 200, { access_token: "at-oauth-5555aaaa", expires_in: 3600, token_type: "bearer" })
          : json(res, 401, { error: "invalid_client" }),
    });
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("creates, lists, edits and deletes a connection; secrets come back only as masked hints", async () => {
    const created = await server.api<ConnectionView>("/api/connections", {
      body: { name: "Billing API", type: "bearer", config: { testUrl: `${api.url}/me` }, secrets: { token: "tok-1234567890" } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Billing API", type: "bearer", secrets: { token: "$secret:••••7890" }, lastTest: null, breaker: { state: "closed" } });
    expect(JSON.stringify(created.body)).not.toContain("tok-1234567890");

    const list = await server.api<{ connections: ConnectionView[] }>("/api/connections");
    expect(list.body.connections.map((c) => c.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain("tok-1234567890");

    // Sending the mask back keeps the secret: the test call still authenticates.
    const renamed = await server.api<ConnectionView>(`/api/connections/${created.body.id}`, {
      method: "PUT",
      body: { name: "Billing", type: "bearer", config: { testUrl: `${api.url}/me` }, secrets: { token: created.body.secrets.token } },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Billing");
    const tested = await server.api<{ ok: boolean; message: string }>(`/api/connections/${created.body.id}/test`, { method: "POST" });
    expect(tested.body).toMatchObject({ ok: true });
    expect(tested.body.message).toContain("answered 200");
    expect(api.requests.filter((r) => r.path === "/me").at(-1)!.headers.authorization).toBe("Bearer tok-1234567890");
    const after = await server.api<ConnectionView>(`/api/connections/${created.body.id}`);
    expect(after.body.lastTest).toMatchObject({ ok: true });

    // A wrong token fails the test with a clear message.
    await server.api(`/api/connections/${created.body.id}`, { method: "PUT", body: { name: "Billing", type: "bearer", config: { testUrl: `${api.url}/me` }, secrets: { token: "tok-wrong-000000" } } });
    const failed = await server.api<{ ok: boolean; message: string }>(`/api/connections/${created.body.id}/test`, { method: "POST" });
    expect(failed.body.ok).toBe(false);
    expect(failed.body.message).toMatch(/answered 401/);
    expect(failed.body.message).not.toContain("tok-wrong-000000");

    expect((await server.api(`/api/connections/${created.body.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await server.api(`/api/connections/${created.body.id}`)).status).toBe(404);
    expect((await server.api(`/api/connections/${created.body.id}/test`, { method: "POST" })).status).toBe(404);
  });

  it("refuses invalid connections with field issues, never a 500", async () => {
    const missing = await server.api<{ error: string; issues: { path: string; message: string }[] }>("/api/connections", { body: { name: "", type: "basic", config: {}, secrets: {} } });
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["name"]));
    const fields = await server.api<{ issues: { path: string }[] }>("/api/connections", { body: { name: "x", type: "basic", config: {}, secrets: {} } });
    expect(fields.body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["config.username", "secrets.password"]));
    const badType = await server.api("/api/connections", { body: { name: "x", type: "ftp" } });
    expect(badType.status).toBe(400);
    const masked = await server.api<{ issues: { path: string; message: string }[] }>("/api/connections", { body: { name: "x", type: "bearer", secrets: { token: "$secret:••••1234" } } });
    expect(masked.body.issues).toEqual([{ path: "secrets.token", message: "Enter the secret again" }]);
    expect((await server.api("/api/connections", { body: "not json" })).status).toBe(400);
  });

  it("tests OAuth2 client credentials by fetching a token", async () => {
    const created = await server.api<ConnectionView>("/api/connections", {
      body: { name: "Auth", type: "oauth2", config: { tokenUrl: `${api.url}/oauth/token`, clientId: "client-a", testUrl: `${api.url}/me` }, secrets: { clientSecret: "cs-0987654321" } },
    });
    expect(created.status).toBe(201);
    const tested = await server.api<{ ok: boolean; message: string }>(`/api/connections/${created.body.id}/test`, { method: "POST" });
    expect(tested.body).toMatchObject({ ok: true, message: expect.stringContaining("Fetched an access token") });
    expect(api.requests.filter((r) => r.path === "/me").at(-1)!.headers.authorization).toBe("Bearer at-oauth-5555aaaa");
  });

  it("tests broker and mail connections with a real call", async () => {
    const redis = await server.api<ConnectionView>("/api/connections", { body: { name: "Redis", type: "redis", config: { host: "127.0.0.1" } } });
    expect((await server.api<{ ok: boolean; message: string }>(`/api/connections/${redis.body.id}/test`, { method: "POST" })).body).toMatchObject({ ok: true, message: expect.stringContaining("PONG") });
    const nats = await server.api<ConnectionView>("/api/connections", { body: { name: "NATS", type: "nats", config: { servers: "127.0.0.1:4222" } } });
    expect((await server.api<{ ok: boolean; message: string }>(`/api/connections/${nats.body.id}/test`, { method: "POST" })).body).toMatchObject({ ok: true, message: expect.stringContaining("JetStream") });
    const rabbit = await server.api<ConnectionView>("/api/connections", { body: { name: "Rabbit", type: "amqp", config: { host: "127.0.0.1" } } });
    expect((await server.api<{ ok: boolean; message: string }>(`/api/connections/${rabbit.body.id}/test`, { method: "POST" })).body).toMatchObject({ ok: true, message: expect.stringContaining("RabbitMQ") });
    const wrongPort = await server.api<ConnectionView>("/api/connections", { body: { name: "Nowhere", type: "redis", config: { host: "127.0.0.1", port: 1 } } });
    const failed = await server.api<{ ok: boolean; message: string }>(`/api/connections/${wrongPort.body.id}/test`, { method: "POST" });
    expect(failed.body.ok).toBe(false);
    expect(failed.body.message).toMatch(/ECONNREFUSED|connect/i);
  });
});
