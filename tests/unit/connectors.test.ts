import { Hash } from "lucide-react";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { connectors } from "@/lib/connectors";
import { apiKeyAuth, basicAuth, connectorNode, defineAction, defineConnector, encodeForm, path, requestUrl, wholeNumberProp } from "@/lib/connectors/define";
import { configIssues } from "@/lib/document/schema";
import { configFields } from "@/lib/editor/field-model";
import { getNodeDefinition, nodeDefinitions } from "@/lib/nodes";
import { NodeError } from "@/lib/nodes/errors";
import type { NodeServices, StepNodeDefinition } from "@/lib/nodes/types";
import { unavailableServices } from "../support/node-services";

type Call = { url: string; init: RequestInit & { connectionId?: string } };

const scope = { trigger: {}, steps: {}, run: { id: "run_1", workflowId: "wf_1", attempt: 0 }, input: {} };

/** Runs a node type's execute with a fake outbound path that records calls and answers with `answer`. */
async function execute(type: string, config: Record<string, unknown>, answer: () => Response, connection: { type?: string; config?: Record<string, unknown> } = {}) {
  const calls: Call[] = [];
  const settingsAsked: string[][] = [];
  const services: NodeServices = unavailableServices({
    async connectionSettings(_id, types) {
      settingsAsked.push(types);
      return { name: "Conn", type: (connection.type ?? "bearer") as never, config: connection.config ?? {} };
    },
    async fetch(url, init) {
      calls.push({ url: String(url), init });
      return answer();
    },
  });
  const definition = getNodeDefinition(type) as StepNodeDefinition;
  const parsed = definition.config.parse(config);
  const run = () => definition.execute({ nodeId: "node_1", config: parsed, scope, parents: {}, signal: new AbortController().signal, services });
  return { run, calls, settingsAsked };
}

const headersOf = (call: Call) => Object.fromEntries(new Headers(call.init.headers));

describe("connector registration", () => {
  it("turns every connector action into an action node type named <app>.<action>", () => {
    for (const connector of connectors) {
      expect(connector.actions.length).toBeGreaterThanOrEqual(3);
      for (const action of connector.actions) {
        const definition = getNodeDefinition(`${connector.id}.${action.name}`);
        expect(definition, `${connector.id}.${action.name}`).toBeDefined();
        expect(definition).toMatchObject({ category: "action", kind: "step", label: `${connector.name}: ${action.label}`, app: { id: connector.id, name: connector.name, action: action.label } });
        // The generated form: connection picker first (offering the connector's auth types), the props, the breaker fallback last.
        const fields = configFields(definition!.config);
        expect(fields[0]).toMatchObject({ key: "connectionId", kind: "connection", connectionTypes: connector.auth.types, required: true });
        expect(fields.map((f) => f.key)).toEqual(["connectionId", ...Object.keys(action.props), ...(action.pages ? ["allPages", "maxItems"] : []), "circuitFallback"]);
        // Defaults are valid apart from the connection and the fields left empty for the user (a repository's owner).
        const blank = Object.entries(definition!.defaults as Record<string, unknown>).filter(([, v]) => v === "").map(([k]) => k);
        expect(configIssues(definition!.type, definition!.defaults).map((i) => i.path.join("."))).toEqual(blank);
      }
    }
    const types = nodeDefinitions.map((d) => d.type);
    expect(types).toEqual(expect.arrayContaining(["slack.postMessage", "slack.listConversations", "slack.lookupUserByEmail", "stripe.createCustomer", "stripe.createPaymentIntent", "stripe.createRefund", "stripe.listCharges", "github.createIssue", "github.addComment", "github.listPullRequests", "hubspot.createContact", "hubspot.createDeal", "hubspot.searchContacts"]));
    expect(new Set(types).size).toBe(types.length);
  });

  it("refuses connectors with bad ids, repeated action names or reserved props", () => {
    const action = defineAction({ name: "ping", label: "Ping", description: "", props: {}, defaults: {}, request: () => ({ method: "GET", path: "/ping" }), sample: { pong: true } });
    const base = { name: "X", description: "", icon: Hash, baseUrl: "https://x.test", auth: { types: ["bearer" as const], help: "" } };
    expect(() => defineConnector({ ...base, id: "Bad Id", actions: [action] })).toThrow(/lower-case/);
    expect(() => defineConnector({ ...base, id: "x", actions: [action, action] })).toThrow(/twice/);
    const reserved = defineAction({ ...action, name: "other", props: { connectionId: z.string() } });
    expect(() => defineConnector({ ...base, id: "x", actions: [reserved] })).toThrow(/added by the framework/);
  });
});

describe("connector auth", () => {
  it("offers API key and basic connections, and sends through the connection whatever its type", async () => {
    const ping = defineAction({ name: "ping", label: "Ping", description: "", props: { q: z.string().optional() }, defaults: {}, request: (p) => ({ method: "GET", path: "/ping", query: { q: p.q } }), sample: { pong: true } });
    const keyed = defineConnector({ id: "keyed", name: "Keyed", description: "", icon: Hash, baseUrl: "https://keyed.test/v2", auth: apiKeyAuth("X-Api-Key", "The account's API key."), actions: [ping] });
    const basic = defineConnector({ id: "basic", name: "Basic", description: "", icon: Hash, baseUrl: "https://basic.test", auth: basicAuth("User and password."), actions: [ping] });
    const keyedNode = connectorNode(keyed, ping) as StepNodeDefinition;
    expect(configFields(keyedNode.config)[0]).toMatchObject({ connectionTypes: ["apiKey"], description: "The account's API key. Use an API key connection that sends it in the “X-Api-Key” header." });
    expect(configFields(connectorNode(basic, ping).config)[0]).toMatchObject({ connectionTypes: ["basic"] });

    const calls: Call[] = [];
    const asked: string[][] = [];
    const services = unavailableServices({
      async connectionSettings(_id, types) {
        asked.push(types);
        return { name: "Key", type: "apiKey", config: { in: "header", name: "X-Api-Key" } };
      },
      async fetch(url, init) {
        calls.push({ url: String(url), init });
        return new Response("pong", { headers: { "content-type": "text/plain" } });
      },
    });
    const result = await keyedNode.execute({ nodeId: "n", config: keyedNode.config.parse({ connectionId: "k1", q: "x y" }), scope, parents: {}, signal: new AbortController().signal, services });
    expect(result).toEqual({ output: "pong" });
    expect(asked).toEqual([["apiKey"]]);
    expect(calls[0]).toMatchObject({ url: "https://keyed.test/v2/ping?q=x+y", init: { method: "GET", connectionId: "k1" } });
  });
});

describe("request helpers", () => {
  it("encodes form bodies in bracket notation and leaves out empty values", () => {
    const body = encodeForm({ amount: "2000", currency: "usd", customer: undefined, automatic_payment_methods: { enabled: true }, metadata: { order: "A 1" }, expand: ["customer", "latest_charge"], items: [{ price: "p_1", quantity: 2 }] });
    expect(decodeURIComponent(body)).toBe("amount=2000&currency=usd&automatic_payment_methods[enabled]=true&metadata[order]=A+1&expand[0]=customer&expand[1]=latest_charge&items[0][price]=p_1&items[0][quantity]=2");
  });

  it("encodes path parts so a value cannot change the path", () => {
    expect(path`/repos/${"octo cat"}/${"../admin"}/issues/${12}`).toBe("/repos/octo%20cat/..%2Fadmin/issues/12");
  });

  it("joins the base URL (with its own path) and the query, leaving out empty parameters", () => {
    expect(String(requestUrl("https://slack.com/api/", { path: "/conversations.list", query: { limit: 100, cursor: "", types: undefined, exclude_archived: true } }))).toBe(
      "https://slack.com/api/conversations.list?limit=100&exclude_archived=true",
    );
    expect(String(requestUrl("http://127.0.0.1:9/ghe/api/v3", { path: "repos/a/b/pulls" }))).toBe("http://127.0.0.1:9/ghe/api/v3/repos/a/b/pulls");
  });

  it("whole-number props take numbers, digits or expressions, and are text fields in the form", () => {
    const schema = z.object({ amount: wholeNumberProp({ title: "Amount" }) });
    expect(schema.parse({ amount: 2000 })).toEqual({ amount: "2000" });
    expect(schema.parse({ amount: " 150 " })).toEqual({ amount: "150" });
    expect(schema.parse({ amount: "{{ trigger.amount }}" })).toEqual({ amount: "{{ trigger.amount }}" });
    expect(schema.safeParse({ amount: "12.5" }).success).toBe(false);
    expect(schema.safeParse({ amount: "lots" }).success).toBe(false);
    expect(configFields(schema)[0]).toMatchObject({ key: "amount", label: "Amount", kind: "text", required: true });
  });
});

describe("connector actions", () => {
  it("slack.postMessage: JSON to the connection's base URL with its credentials; ok:false fails without retry", async () => {
    const ok = await execute("slack.postMessage", { connectionId: "c1", channel: "C123", text: "Hi", threadTs: "1.2" }, () => Response.json({ ok: true, channel: "C123", ts: "1700.01" }), {
      config: { baseUrl: "http://127.0.0.1:5/slack/api" },
    });
    await expect(ok.run()).resolves.toEqual({ output: { ok: true, channel: "C123", ts: "1700.01" } });
    expect(ok.settingsAsked).toEqual([["bearer", "oauth2Code"]]);
    expect(ok.calls[0].url).toBe("http://127.0.0.1:5/slack/api/chat.postMessage");
    expect(ok.calls[0].init).toMatchObject({ method: "POST", connectionId: "c1" });
    expect(headersOf(ok.calls[0])["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(ok.calls[0].init.body as string)).toEqual({ channel: "C123", text: "Hi", thread_ts: "1.2" });

    const failed = await execute("slack.postMessage", { connectionId: "c1", channel: "C404", text: "Hi" }, () => Response.json({ ok: false, error: "channel_not_found" }));
    const error = (await failed.run().catch((e: unknown) => e)) as NodeError;
    expect(error).toBeInstanceOf(NodeError);
    expect(error.message).toBe("Slack POST /api/chat.postMessage answered 200: channel_not_found");
    expect(error.retriable).toBe(false);
    expect(failed.calls[0].url).toBe("https://slack.com/api/chat.postMessage");
  });

  it("slack rate limits are retried after Retry-After", async () => {
    const limited = await execute("slack.lookupUserByEmail", { connectionId: "c1", email: "a@b.co" }, () => Response.json({ ok: false, error: "ratelimited" }, { status: 429, headers: { "retry-after": "7" } }));
    const error = (await limited.run().catch((e: unknown) => e)) as NodeError;
    expect(error).toMatchObject({ retriable: true, retryAfterMs: 7000 });
    expect(limited.calls[0].url).toBe("https://slack.com/api/users.lookupByEmail?email=a%40b.co");
    expect(limited.calls[0].init.body).toBeUndefined();
  });

  it("slack.listConversations: query parameters and a flattened page", async () => {
    const list = await execute("slack.listConversations", { connectionId: "c1", types: ["public_channel", "private_channel"] }, () =>
      Response.json({ ok: true, channels: [{ id: "C1", name: "general" }], response_metadata: { next_cursor: "abc=" } }),
    );
    await expect(list.run()).resolves.toEqual({ output: { channels: [{ id: "C1", name: "general" }], nextCursor: "abc=" } });
    expect(list.calls[0].url).toBe("https://slack.com/api/conversations.list?types=public_channel%2Cprivate_channel&exclude_archived=true&limit=100");
  });

  it("stripe.createPaymentIntent: form body and an Idempotency-Key from the run and node", async () => {
    const created = await execute("stripe.createPaymentIntent", { connectionId: "c2", amount: 2000, currency: "USD", customer: "cus_1", metadata: { order: "42" } }, () => Response.json({ id: "pi_1", object: "payment_intent", status: "requires_payment_method" }));
    await expect(created.run()).resolves.toEqual({ output: { id: "pi_1", object: "payment_intent", status: "requires_payment_method" } });
    const call = created.calls[0];
    expect(call.url).toBe("https://api.stripe.com/v1/payment_intents");
    expect(headersOf(call)).toMatchObject({ "content-type": "application/x-www-form-urlencoded", "idempotency-key": "run_1:node_1" });
    expect(Object.fromEntries(new URLSearchParams(call.init.body as string))).toEqual({ amount: "2000", currency: "usd", customer: "cus_1", "automatic_payment_methods[enabled]": "true", "metadata[order]": "42" });
  });

  it("stripe errors carry Stripe's message; card errors are not retried, 5xx are", async () => {
    const declined = await execute("stripe.createRefund", { connectionId: "c2", charge: "ch_1" }, () => Response.json({ error: { type: "invalid_request_error", code: "charge_already_refunded", message: "Charge ch_1 has already been refunded." } }, { status: 400 }));
    await expect(declined.run()).rejects.toMatchObject({ message: "Stripe POST /v1/refunds answered 400: invalid_request_error/charge_already_refunded: Charge ch_1 has already been refunded.", retriable: false });
    const down = await execute("stripe.listCharges", { connectionId: "c2" }, () => new Response("upstream", { status: 503 }));
    await expect(down.run()).rejects.toMatchObject({ retriable: true });
    const neither = await execute("stripe.createRefund", { connectionId: "c2" }, () => Response.json({}));
    await expect(neither.run()).rejects.toMatchObject({ message: "Give a payment intent or a charge to refund", retriable: false });
    expect(neither.calls).toHaveLength(0);
  });

  it("github.createIssue: API version headers, an encoded path and JSON", async () => {
    const issue = await execute("github.createIssue", { connectionId: "c3", owner: "octo", repo: "hello world", title: "Bug", labels: ["bug"] }, () => Response.json({ number: 7, html_url: "https://github.com/octo/hello/issues/7" }, { status: 201 }));
    await expect(issue.run()).resolves.toMatchObject({ output: { number: 7 } });
    expect(issue.calls[0].url).toBe("https://api.github.com/repos/octo/hello%20world/issues");
    expect(headersOf(issue.calls[0])).toMatchObject({ accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "Switchboard" });
    expect(JSON.parse(issue.calls[0].init.body as string)).toEqual({ title: "Bug", labels: ["bug"] });

    const limited = await execute("github.listPullRequests", { connectionId: "c3", owner: "o", repo: "r" }, () =>
      Response.json({ message: "API rate limit exceeded" }, { status: 403, headers: { "x-ratelimit-remaining": "0" } }),
    );
    await expect(limited.run()).rejects.toMatchObject({ retriable: true, message: "GitHub GET /repos/o/r/pulls answered 403: API rate limit exceeded" });
    const invalid = await execute("github.addComment", { connectionId: "c3", owner: "o", repo: "r", issueNumber: "3", body: "x" }, () =>
      Response.json({ message: "Validation Failed", errors: [{ resource: "IssueComment", field: "body", code: "missing_field" }] }, { status: 422 }),
    );
    await expect(invalid.run()).rejects.toMatchObject({ retriable: false, message: "GitHub POST /repos/o/r/issues/3/comments answered 422: Validation Failed; body missing_field" });
  });

  it("hubspot.searchContacts: a filter group, returned properties and paging", async () => {
    const search = await execute("hubspot.searchContacts", { connectionId: "c4", propertyName: "email", value: "a@b.co", properties: ["email", "firstname"], after: "20" }, () => Response.json({ total: 0, results: [] }));
    await search.run();
    expect(JSON.parse(search.calls[0].init.body as string)).toEqual({ filterGroups: [{ filters: [{ propertyName: "email", operator: "EQ", value: "a@b.co" }] }], properties: ["email", "firstname"], limit: 10, after: "20" });
  });
});
