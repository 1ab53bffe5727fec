import { describe, expect, it } from "vitest";
import { getNodeDefinition } from "@/lib/nodes";
import { NodeError } from "@/lib/nodes/errors";
import type { NodeServices, StepNodeDefinition } from "@/lib/nodes/types";
import { nodeOutputs } from "@/lib/document/outputs";
import { unavailableServices } from "../support/node-services";

type Call = { url: string; init: RequestInit & { connectionId?: string } };

function fakeServices(overrides: Partial<NodeServices> = {}, responses: (() => Response)[] = []) {
  const calls: Call[] = [];
  const log: { kind: string; args: unknown }[] = [];
  const kv = new Map<string, unknown>();
  const services: NodeServices = unavailableServices({
    async fetch(url, init) {
      calls.push({ url: String(url), init });
      const next = responses.shift();
      return next ? next() : Response.json({ ok: true });
    },
    async sendEmail(request) {
      log.push({ kind: "email", args: request });
      return { messageId: "<m1@test>", accepted: [String(request.to)], rejected: [] };
    },
    async publishMessage(request) {
      log.push({ kind: "publish", args: request });
      return { messageId: request.messageId ?? "generated" };
    },
    store: {
      async get(ns, key) {
        const k = `${ns}/${key}`;
        return kv.has(k) ? { found: true, value: kv.get(k), updatedAt: "now" } : { found: false, value: null, updatedAt: null };
      },
      async set(ns, key, value) {
        kv.set(`${ns}/${key}`, value);
        return { value };
      },
      async increment(ns, key, by) {
        const value = ((kv.get(`${ns}/${key}`) as number) ?? 0) + by;
        kv.set(`${ns}/${key}`, value);
        return { value };
      },
      async delete(ns, key) {
        return { deleted: kv.delete(`${ns}/${key}`) };
      },
    },
    async startWorkflowRun(request) {
      log.push({ kind: "start", args: request });
      return { runId: "run_child", workflowName: "Child", duplicate: false };
    },
    ...overrides,
  });
  return { services, calls, log };
}

const scope = { trigger: {}, steps: {}, run: { id: "run_1", workflowId: "wf_1", attempt: 0 }, input: {} };

async function execute(type: string, config: unknown, services: NodeServices) {
  const definition = getNodeDefinition(type) as StepNodeDefinition;
  const parsed = definition.config.parse(config);
  return definition.execute({ nodeId: "n1", config: parsed, scope, parents: {}, signal: new AbortController().signal, services });
}

describe("action.http", () => {
  it("passes the connection to the platform, sends form and raw bodies and a stable Idempotency-Key", async () => {
    const { services, calls } = fakeServices();
    await execute("action.http", { method: "POST", url: "https://api.test/x", connectionId: "conn_1", bodyType: "form", body: { a: "1", b: ["x", "y"] }, idempotencyKey: true }, services);
    expect(calls[0].init.connectionId).toBe("conn_1");
    expect(calls[0].init.body).toBe("a=1&b=x&b=y");
    expect(new Headers(calls[0].init.headers).get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(new Headers(calls[0].init.headers).get("idempotency-key")).toBe("run_1:n1");
    await execute("action.http", { method: "POST", url: "https://api.test/x", bodyType: "raw", body: "a,b\n1,2", contentType: "text/csv", idempotencyKey: true }, services);
    expect(calls[1].init.body).toBe("a,b\n1,2");
    expect(new Headers(calls[1].init.headers).get("content-type")).toBe("text/csv");
    expect(new Headers(calls[1].init.headers).get("idempotency-key")).toBe("run_1:n1");
  });

  it("reads binary answers as base64 and text as text", async () => {
    const { services } = fakeServices({}, [() => new Response(new Uint8Array([0, 1, 2, 255])), () => new Response('{"a":1}', { headers: { "content-type": "application/json" } })]);
    const binary = await execute("action.http", { url: "https://api.test/file", responseType: "binary" }, services);
    expect((binary.output as { body: string }).body).toBe(Buffer.from([0, 1, 2, 255]).toString("base64"));
    const text = await execute("action.http", { url: "https://api.test/j", responseType: "text" }, services);
    expect((text.output as { body: unknown }).body).toBe('{"a":1}');
  });

  it("follows next links (body path or Link header) and cursors, collecting items", async () => {
    const pages = [
      () => Response.json({ data: [1, 2], next: "https://api.test/items?page=2" }),
      () => Response.json({ data: [3], next: null }),
    ];
    const { services, calls } = fakeServices({}, pages);
    const result = await execute("action.http", { url: "https://api.test/items", pagination: { mode: "next-link", nextPath: "next", itemsPath: "data" } }, services);
    expect(result.output).toMatchObject({ pages: 2, items: [1, 2, 3] });
    expect(calls.map((c) => c.url)).toEqual(["https://api.test/items", "https://api.test/items?page=2"]);

    const linked = fakeServices({}, [() => Response.json([1], { headers: { link: '</items?p=2>; rel="next"' } }), () => Response.json([2])]);
    const viaHeader = await execute("action.http", { url: "https://api.test/items", pagination: { mode: "next-link" } }, linked.services);
    expect(viaHeader.output).toMatchObject({ pages: 2, items: [1, 2] });

    const cursor = fakeServices({}, [() => Response.json({ items: ["a"], meta: { next: "c2" } }), () => Response.json({ items: ["b"], meta: { next: "c3" } }), () => Response.json({ items: ["c"] })]);
    const viaCursor = await execute("action.http", { url: "https://api.test/items?limit=1", pagination: { mode: "cursor", cursorPath: "meta.next", cursorParam: "cursor", itemsPath: "items", maxPages: 2 } }, cursor.services);
    expect(viaCursor.output).toMatchObject({ pages: 2, items: ["a", "b"] });
    expect(cursor.calls[1].url).toBe("https://api.test/items?limit=1&cursor=c2");
  });

  it("keeps platform refusals (SSRF, open circuit) as they are", async () => {
    const refusal = new NodeError("Outbound call to 10.0.0.1 refused", { retriable: false });
    const { services } = fakeServices({ fetch: async () => Promise.reject(refusal) });
    await expect(execute("action.http", { url: "http://10.0.0.1/" }, services)).rejects.toBe(refusal);
  });

  it("gets a fallback output only when enabled", () => {
    expect(nodeOutputs({ type: "action.http", config: { url: "https://x" } }).map((o) => o.id)).toEqual(["main"]);
    expect(nodeOutputs({ type: "action.http", config: { url: "https://x", circuitFallback: true } }).map((o) => o.id)).toEqual(["main", "fallback"]);
    expect(nodeOutputs({ type: "action.http", config: { circuitFallback: true }, settings: { onError: "branch" } }).map((o) => o.id)).toEqual(["main", "fallback", "error"]);
    expect(nodeOutputs({ type: "transform.map", config: { circuitFallback: true } }).map((o) => o.id)).toEqual(["main"]);
  });
});

describe("action.email", () => {
  it("sends through the SMTP connection", async () => {
    const { services, log } = fakeServices();
    const result = await execute("action.email", { connectionId: "conn_smtp", to: "ann@example.com", subject: "Hi", text: "Hello" }, services);
    expect(log[0]).toMatchObject({ kind: "email", args: { connectionId: "conn_smtp", to: "ann@example.com", subject: "Hi", text: "Hello" } });
    expect(result.output).toMatchObject({ messageId: "<m1@test>", accepted: ["ann@example.com"] });
  });

  it("needs a connection, a recipient and a subject", () => {
    const definition = getNodeDefinition("action.email")!;
    const issues = definition.config.safeParse({ connectionId: "", to: "", subject: "" });
    expect(issues.success).toBe(false);
    expect(issues.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["connectionId", "subject"]));
  });
});

describe("action.chat-message", () => {
  it("posts a Slack-compatible payload to the webhook", async () => {
    const { services, calls } = fakeServices({}, [() => new Response("ok")]);
    const result = await execute("action.chat-message", { webhookUrl: "https://hooks.test/T1/B2/xyz", text: "Order 7", username: "Bot", iconEmoji: ":robot_face:" }, services);
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ text: "Order 7", username: "Bot", icon_emoji: ":robot_face:" });
    expect(result.output).toEqual({ status: 200, body: "ok" });
  });

  it("fails without retrying on a 4xx", async () => {
    const { services } = fakeServices({}, [() => new Response("invalid_token", { status: 403 })]);
    const error = await execute("action.chat-message", { webhookUrl: "https://hooks.test/x", text: "x" }, services).catch((e) => e);
    expect(error).toBeInstanceOf(NodeError);
    expect(error.retriable).toBe(false);
  });
});

describe("action.queue-publish", () => {
  it("publishes with a message id that is stable across retries", async () => {
    const { services, log } = fakeServices();
    const result = await execute("action.queue-publish", { connectionId: "conn_q", destination: "orders", message: { id: 7 }, headers: { source: "test" } }, services);
    expect(log[0].args).toMatchObject({ connectionId: "conn_q", destination: "orders", message: { id: 7 }, headers: { source: "test" }, messageId: "run_1:n1" });
    expect(result.output).toMatchObject({ destination: "orders", messageId: "run_1:n1" });
  });
});

describe("action.store", () => {
  it("gets, sets, increments and deletes", async () => {
    const { services } = fakeServices();
    expect((await execute("action.store", { operation: "get", key: "cursor" }, services)).output).toMatchObject({ found: false, value: null });
    await execute("action.store", { operation: "set", key: "cursor", value: { page: 3 } }, services);
    expect((await execute("action.store", { operation: "get", key: "cursor" }, services)).output).toMatchObject({ found: true, value: { page: 3 } });
    expect((await execute("action.store", { operation: "increment", key: "n", by: 2 }, services)).output).toEqual({ key: "n", value: 2 });
    expect((await execute("action.store", { operation: "increment", key: "n" }, services)).output).toEqual({ key: "n", value: 3 });
    expect((await execute("action.store", { operation: "delete", key: "n" }, services)).output).toEqual({ key: "n", deleted: true });
    await expect(execute("action.store", { operation: "set", key: "x" }, services)).rejects.toThrow(/needs a value/);
  });
});

describe("action.sub-workflow", () => {
  it("starts the child once per run and node and asks the walker to wait for it", async () => {
    const { services, log } = fakeServices();
    const result = await execute("action.sub-workflow", { workflowId: "wf_child", input: { a: 1 }, timeout: "10m" }, services);
    expect(log[0].args).toEqual({ workflowId: "wf_child", input: { a: 1 }, key: "parent:run_1:n1" });
    expect(result.output).toMatchObject({ runId: "run_child", workflowId: "wf_child" });
    expect(result.awaitRun?.runId).toBe("run_child");
    const noWait = await execute("action.sub-workflow", { workflowId: "wf_child", wait: false }, services);
    expect(noWait.awaitRun).toBeUndefined();
  });

  it("refuses to run its own workflow", async () => {
    const { services } = fakeServices();
    await expect(execute("action.sub-workflow", { workflowId: "wf_1" }, services)).rejects.toThrow(/cannot run itself/);
  });
});

describe("trigger.queue", () => {
  it("outputs the message the run was started with", async () => {
    const definition = getNodeDefinition("trigger.queue") as StepNodeDefinition;
    const message = { body: { id: 1 }, headers: {}, messageId: "m1", source: "orders", redelivered: false };
    const result = await definition.execute({ nodeId: "t", config: definition.config.parse({ connectionId: "c", source: "orders" }), scope: { ...scope, trigger: message }, parents: {}, signal: new AbortController().signal, services: fakeServices().services });
    expect(result.output).toEqual(message);
  });
});
