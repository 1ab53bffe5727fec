import { randomBytes } from "node:crypto";
import amqp from "amqplib";
import Database from "better-sqlite3";
import { connect as natsConnect } from "nats";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { startLocalSmtp, type LocalSmtp } from "../support/smtp";
import { createWorkflow, graph, startManualRun, waitForRun } from "../support/workflows";

/**
 * After runs that use every connection type, no secret value appears in the run tables, the
 * server's logs or any API response, although the local API echoes every header it received.
 */

const RUN_TABLES = ["Run", "StepRun", "EngineRun", "EngineStep", "EngineEvent", "EngineJob", "EngineWait", "IdempotencyRecord", "KeyValueEntry", "Workflow", "WorkflowVersion"];

describe.each(DATABASES)("secrets never leak (%s)", (kind) => {
  let server: TestServer;
  let api: LocalApi;
  let smtp: LocalSmtp;
  const tag = randomBytes(3).toString("hex");
  const secrets = {
    apiKey: `apikey-${tag}-7a7a7a`,
    queryKey: `querykey-${tag}-5b5b5b`,
    bearer: `bearer-${tag}-3c3c3c`,
    basic: `basicpw-${tag}-1d1d1d`,
    clientSecret: `client-secret-${tag}-9e9e`,
    accessToken: `access-token-${tag}-8f8f`,
    hmac: `hmac-secret-${tag}-2a2a`,
    smtp: `smtp-pass-${tag}-4b4b`,
    amqp: "guest",
    natsToken: `nats-token-${tag}-6c6c`,
    redis: `redis-pass-${tag}-0d0d`,
  };
  const responses: string[] = [];
  const call = async <T,>(path: string, init?: Parameters<TestServer["api"]>[1]) => {
    const res = await server.api<T>(path, init);
    responses.push(JSON.stringify(res.body));
    return res;
  };

  beforeAll(async () => {
    api = await startLocalApi({
      "/echo": (req, res) => json(res, 200, { headers: req.headers, path: req.path, body: req.body }),
      "/echo-fail": (req, res) => json(res, 500, { error: "boom", headers: req.headers }),
      "/oauth/token": (_req, res) => json(res, 200, { access_token: secrets.accessToken, expires_in: 3600 }),
    });
    smtp = await startLocalSmtp({ username: "mailer", password: secrets.smtp });
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
    await smtp?.close();
  });

  it("masks every value taken from a connection", async () => {
    const queue = `sb-secrets-${kind}-${tag}`;
    const stream = `SBSECRETS_${kind}_${tag}`.toUpperCase();
    const rabbit = await amqp.connect("amqp://guest:guest@127.0.0.1:5672");
    const channel = await rabbit.createChannel();
    await channel.assertQueue(queue, { durable: false });
    const nc = await natsConnect({ servers: "127.0.0.1:4222" });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: stream, subjects: [`sbsecrets.${kind}.${tag}`] });
    try {
      const create = async (body: unknown) => {
        const res = await call<{ id: string }>("/api/connections", { body });
        expect(res.status).toBe(201);
        return res.body.id;
      };
      const ids = {
        apiKey: await create({ name: "Key", type: "apiKey", config: { in: "header", name: "X-Api-Key" }, secrets: { key: secrets.apiKey } }),
        queryKey: await create({ name: "Query key", type: "apiKey", config: { in: "query", name: "key" }, secrets: { key: secrets.queryKey } }),
        bearer: await create({ name: "Bearer", type: "bearer", config: { testUrl: `${api.url}/echo` }, secrets: { token: secrets.bearer } }),
        basic: await create({ name: "Basic", type: "basic", config: { username: "ann" }, secrets: { password: secrets.basic } }),
        oauth2: await create({ name: "OAuth", type: "oauth2", config: { tokenUrl: `${api.url}/oauth/token`, clientId: "client", testUrl: `${api.url}/echo` }, secrets: { clientSecret: secrets.clientSecret } }),
        hmac: await create({ name: "HMAC", type: "hmac", config: { header: "X-Sig" }, secrets: { secret: secrets.hmac } }),
        smtp: await create({ name: "SMTP", type: "smtp", config: { host: "127.0.0.1", port: smtp.port, username: "mailer", from: "bot@example.com" }, secrets: { password: secrets.smtp } }),
        amqp: await create({ name: "Rabbit", type: "amqp", config: { host: "127.0.0.1" }, secrets: { password: secrets.amqp } }),
        nats: await create({ name: "NATS", type: "nats", config: { servers: "127.0.0.1:4222" }, secrets: { token: secrets.natsToken } }),
        redis: await create({ name: "Redis", type: "redis", config: { host: "127.0.0.1" }, secrets: { password: secrets.redis } }),
      };
      for (const id of Object.values(ids)) await call(`/api/connections/${id}/test`, { method: "POST" });

      const http = (id: string, connectionId: string, path = "/echo") => ({ id, type: "action.http", config: { method: "POST", url: `${api.url}${path}?via=${id}`, connectionId, body: { hello: id } } });
      const nodes = [
        { id: "start", type: "trigger.manual" },
        http("key", ids.apiKey),
        http("query", ids.queryKey),
        http("bearer", ids.bearer),
        http("basic", ids.basic),
        http("oauth", ids.oauth2),
        http("hmac", ids.hmac),
        { ...http("failing", ids.bearer, "/echo-fail"), settings: { retry: { maxAttempts: 1 }, onError: "continue" as const } },
        { id: "mail", type: "action.email", config: { connectionId: ids.smtp, to: "ann@example.com", subject: "Secrets test", text: "hello" } },
        { id: "rabbit", type: "action.queue-publish", config: { connectionId: ids.amqp, destination: queue, message: { a: 1 } } },
        { id: "nats", type: "action.queue-publish", config: { connectionId: ids.nats, destination: `sbsecrets.${kind}.${tag}`, message: { a: 1 } } },
        { id: "redis", type: "action.queue-publish", config: { connectionId: ids.redis, destination: `sbsecrets:${kind}:${tag}`, message: { a: 1 } } },
      ];
      const workflow = await createWorkflow(server, graph("Every connection", nodes, nodes.slice(1).map((n) => `start->${n.id}`)));
      const runId = await startManualRun(server, workflow.id);
      const run = await waitForRun(server, runId);
      expect(run.status).toBe("completed");
      // The calls really carried the credentials...
      const echoed = api.requests.filter((r) => r.path === "/echo");
      expect(echoed.some((r) => r.headers["x-api-key"] === secrets.apiKey)).toBe(true);
      expect(echoed.some((r) => r.headers.authorization === `Bearer ${secrets.accessToken}`)).toBe(true);
      expect(smtp.messages.some((m) => m.user === "mailer")).toBe(true);

      // ...and nothing the server stored, logged or answered contains one.
      await call(`/api/runs/${runId}`);
      await call(`/api/runs?workflowId=${workflow.id}`);
      await call("/api/connections");
      await call(`/api/workflows/${workflow.id}`);
      for (const id of Object.values(ids)) await call(`/api/connections/${id}`);
      const stored = await dumpTables(server);
      const logs = server.logs();
      for (const [name, value] of Object.entries(secrets)) {
        for (const [where, text] of [["API responses", responses.join("\n")], ["run tables", stored], ["logs", logs]] as const) {
          expect(text.includes(value), `${name} found in ${where}`).toBe(false);
        }
      }
      expect(stored).toContain("••••••"); // the echoed values were masked, not dropped
    } finally {
      await channel.deleteQueue(queue).catch(() => undefined);
      await rabbit.close();
      await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
    }
  });
});

async function dumpTables(server: TestServer): Promise<string> {
  const out: string[] = [];
  if (server.database.kind === "sqlite") {
    const db = new Database(server.database.url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
    try {
      for (const table of RUN_TABLES) out.push(JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all()));
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: server.database.url });
    await client.connect();
    try {
      for (const table of RUN_TABLES) out.push(JSON.stringify((await client.query(`SELECT * FROM "${table}"`)).rows));
    } finally {
      await client.end();
    }
  }
  return out.join("\n");
}
