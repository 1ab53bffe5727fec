import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { startLocalSmtp, type LocalSmtp } from "../support/smtp";
import { chain, createWorkflow, graph, startManualRun, step, waitForRun } from "../support/workflows";

async function createConnection(server: TestServer, body: unknown): Promise<string> {
  const res = await server.api<{ id: string }>("/api/connections", { body });
  if (res.status !== 201) throw new Error(`connection: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const trigger = { id: "start", type: "trigger.manual", config: {} };

describe.each(DATABASES)("action nodes in real runs (%s)", (kind) => {
  let server: TestServer;
  let api: LocalApi;
  let smtp: LocalSmtp;

  beforeAll(async () => {
    api = await startLocalApi({
      "/file": (_req, res) => {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.end(Buffer.from([1, 2, 3, 250]));
      },
    });
    smtp = await startLocalSmtp({ username: "mailer", password: "smtp-pass-8765" });
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
    await smtp?.close();
  });

  it("action.http: form body, Idempotency-Key stable across retries, binary as base64, next-link pagination", async () => {
    let calls = 0;
    api.setHandler("/submit", (_req, res) => (++calls < 2 ? json(res, 503, { error: "busy" }) : json(res, 200, { ok: true })));
    const workflow = await createWorkflow(
      server,
      chain("HTTP features", [
        trigger,
        { id: "submit", type: "action.http", config: { method: "POST", url: `${api.url}/submit`, bodyType: "form", body: { name: "Ann", qty: "2" }, idempotencyKey: true }, settings: { retry: { maxAttempts: 3, initialDelayMs: 100 } } },
        { id: "file", type: "action.http", config: { url: `${api.url}/file`, responseType: "binary" } },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, workflow.id));
    expect(run.status).toBe("completed");
    const submits = api.requests.filter((r) => r.path === "/submit");
    expect(submits).toHaveLength(2);
    expect(Object.fromEntries(new URLSearchParams(submits[0].body))).toEqual({ name: "Ann", qty: "2" });
    expect(submits[0].headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(submits[0].headers["idempotency-key"]).toBe(`${run.id}:submit`);
    expect(submits[1].headers["idempotency-key"]).toBe(submits[0].headers["idempotency-key"]);
    expect((step(run, "file").output as { body: string }).body).toBe(Buffer.from([1, 2, 3, 250]).toString("base64"));

    let served = 0;
    api.setHandler("/list", (_req, res) => {
      served++;
      json(res, 200, { data: [served * 10, served * 10 + 1], next: served < 3 ? `${api.url}/list?after=${served}` : null });
    });
    const paged = await createWorkflow(server, chain("Pagination", [trigger, { id: "list", type: "action.http", config: { url: `${api.url}/list`, pagination: { mode: "next-link", nextPath: "next", itemsPath: "data" } } }]));
    const pagedRun = await waitForRun(server, await startManualRun(server, paged.id));
    expect(pagedRun.status).toBe("completed");
    expect(step(pagedRun, "list").output).toMatchObject({ pages: 3, items: [10, 11, 20, 21, 30, 31] });
  });

  it("action.email sends through an SMTP connection", async () => {
    const connectionId = await createConnection(server, {
      name: "Mail",
      type: "smtp",
      config: { host: "127.0.0.1", port: smtp.port, secure: false, username: "mailer", from: "Switchboard <bot@example.com>" },
      secrets: { password: "smtp-pass-8765" },
    });
    const workflow = await createWorkflow(
      server,
      chain("Mail", [trigger, { id: "mail", type: "action.email", config: { connectionId, to: "{{ trigger.email }}", subject: "Order {{ trigger.id }}", text: "Thanks for order {{ trigger.id }}." } }]),
    );
    const run = await waitForRun(server, await startManualRun(server, workflow.id, { email: "ann@example.com", id: 42 }));
    expect(run.status).toBe("completed");
    expect(step(run, "mail").output).toMatchObject({ accepted: ["ann@example.com"], rejected: [] });
    const mail = smtp.messages.at(-1)!;
    expect(mail).toMatchObject({ from: "bot@example.com", to: ["ann@example.com"], user: "mailer" });
    expect(mail.raw).toContain("Subject: Order 42");
    expect(mail.raw).toContain("Thanks for order 42.");
  });

  it("action.chat-message posts to the webhook, whose URL is a secret", async () => {
    const hook = `${api.url}/hooks/T000/B000/xoxsecret123456`;
    const workflow = await createWorkflow(server, chain("Chat", [trigger, { id: "chat", type: "action.chat-message", config: { webhookUrl: hook, text: "New order {{ trigger.id }}", username: "Switchboard" } }]));
    const stored = await server.api<{ document: { nodes: { config: { webhookUrl?: string } }[] } }>(`/api/workflows/${workflow.id}`);
    expect(stored.body.document.nodes[1].config.webhookUrl).toMatch(/^\$secret:/);
    const run = await waitForRun(server, await startManualRun(server, workflow.id, { id: 7 }));
    expect(run.status).toBe("completed");
    const posted = api.requests.filter((r) => r.path === "/hooks/T000/B000/xoxsecret123456");
    expect(JSON.parse(posted[0].body)).toEqual({ text: "New order 7", username: "Switchboard" });
    expect(JSON.stringify(run)).not.toContain("xoxsecret123456");
  });

  it("action.store keeps values between runs; increments from parallel runs are never lost", async () => {
    const counter = await createWorkflow(server, chain("Count", [trigger, { id: "count", type: "action.store", config: { operation: "increment", namespace: `ns-${kind}`, key: "orders" } }]));
    const ids = await Promise.all(Array.from({ length: 8 }, () => startManualRun(server, counter.id)));
    for (const id of ids) expect((await waitForRun(server, id)).status).toBe("completed");
    const reader = await createWorkflow(
      server,
      chain("Read", [
        trigger,
        { id: "save", type: "action.store", config: { operation: "set", namespace: `ns-${kind}`, key: "cursor", value: { page: "{{ trigger.page }}" } } },
        { id: "count", type: "action.store", config: { operation: "get", namespace: `ns-${kind}`, key: "orders" } },
        { id: "cursor", type: "action.store", config: { operation: "get", namespace: `ns-${kind}`, key: "cursor" } },
        { id: "drop", type: "action.store", config: { operation: "delete", namespace: `ns-${kind}`, key: "cursor" } },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, reader.id, { page: 4 }));
    expect(run.status).toBe("completed");
    expect(step(run, "count").output).toMatchObject({ found: true, value: 8 });
    expect(step(run, "cursor").output).toMatchObject({ found: true, value: { page: 4 } });
    expect(step(run, "drop").output).toMatchObject({ deleted: true });
  });

  it("action.sub-workflow runs another workflow and waits for its output; a failed child fails the node", async () => {
    const child = await createWorkflow(
      server,
      chain("Child", [trigger, { id: "double", type: "transform.map", config: { expression: '$exists(trigger.fail) ? $error("child refused") : { "doubled": trigger.n * 2 }' } }]),
    );
    const parent = await createWorkflow(
      server,
      graph(
        "Parent",
        [
          { id: "start", type: "trigger.manual" },
          { id: "sub", type: "action.sub-workflow", config: { workflowId: child.id, input: "{{ trigger }}", timeout: "5m" } },
          { id: "after", type: "transform.map", config: { expression: "steps.sub.double.doubled + 1" } },
        ],
        ["start->sub", "sub->after"],
      ),
    );
    const run = await waitForRun(server, await startManualRun(server, parent.id, { n: 21 }));
    expect(run.status).toBe("completed");
    expect(step(run, "sub").output).toEqual({ double: { doubled: 42 } });
    expect(run.output).toEqual({ after: 43 });
    const runs = await server.api<{ runs: { id: string; triggerKind: string; status: string }[] }>(`/api/runs?workflowId=${child.id}`);
    expect(runs.body.runs).toHaveLength(1);
    expect(runs.body.runs[0]).toMatchObject({ triggerKind: "subworkflow", status: "completed" });

    const failing = await waitForRun(server, await startManualRun(server, parent.id, { n: 1, fail: true }));
    expect(failing.status).toBe("failed");
    expect(failing.error).toMatchObject({ nodeId: "sub" });
    expect(failing.error!.message).toMatch(/failed: .*child refused/);
  });
});
