import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, signUp } from "../support/auth";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, startManualRun, waitForRun } from "../support/workflows";

/**
 * Every API route of the app, read from the file system: a route added without an access check
 * fails here. Open routes are listed explicitly, with the reason they are open.
 */
const OPEN: Record<string, string> = {
  "/api/health": "load balancers and uptime checks",
  "/api/hooks/[token]": "webhook URLs: authenticated by their secret token and signatures",
  "/api/hooks/[token]/test": "webhook test URLs: the secret token and signatures, and 404 unless an editor is listening",
  "/api/inngest": "the engine's endpoint: authenticated by the Inngest signing key (route-inventory checks it below)",
  "/api/auth/[...all]": "sign-up, sign-in and sign-out themselves",
};

/** Changes a member may make to their own account rather than to workspace data. */
const VIEWER_MAY = new Set(["POST /api/workspaces", "POST /api/workspaces/active", "POST /api/invitations/accept"]);

/** Query strings some routes need to get past input validation to the lookup. */
const QUERIES: Record<string, string> = { "/api/runs/[id]/value": "?path=trigger", "/api/apis/[id]/operation": "?key=listItems" };

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const ROOT = path.resolve(import.meta.dirname, "../..");

function inventory(): { route: string; methods: string[] }[] {
  const found: { route: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b|export\\s+const\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(source));
        found.push({ route: `/${path.relative(path.join(ROOT, "app"), path.dirname(full)).split(path.sep).join("/")}`, methods });
      }
    }
  };
  walk(path.join(ROOT, "app", "api"));
  return found.sort((a, b) => a.route.localeCompare(b.route));
}

const routes = inventory();
const guarded = routes.filter((r) => !(r.route in OPEN));
const calls = guarded.flatMap((r) => r.methods.map((method) => ({ method, route: r.route })));
const mutating = calls.filter((c) => c.method !== "GET" && !VIEWER_MAY.has(`${c.method} ${c.route}`));
const withIds = calls.filter((c) => c.route.includes("["));

describe.each(DATABASES)("route inventory on %s", (kind) => {
  let server: TestServer;
  let ids: Record<string, string>;
  let viewerCookie: string;
  let strangerCookie: string;

  /** A real id of workspace A for each path parameter (by the route it is in). */
  function fill(route: string): string {
    return route.replace(/\[([^\]]+)\]/g, (_, name: string) => {
      if (name === "id") {
        const collection = route.split("/")[2];
        const value = ids[collection];
        if (!value) throw new Error(`No test id for [id] under /api/${collection}: add one to route-inventory.test.ts`);
        return value;
      }
      return ids[name] ?? `unknown-${name}`;
    });
  }

  async function call(method: string, route: string, headers: Record<string, string>) {
    const body = method === "GET" || method === "DELETE" ? undefined : JSON.stringify(route.startsWith("/api/members/") ? { role: "viewer" } : {});
    const response = await fetch(`${server.url}${fill(route)}${QUERIES[route] ?? ""}`, { method, headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers }, body });
    return response.status;
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    const origin = server.url;
    const workflow = await createWorkflow(server, chain("Inventory", [{ id: "hook", type: "trigger.webhook", config: {} }, { id: "shape", type: "transform.map", config: { expression: "{ \"ok\": true }" } }]));
    const run = await waitForRun(server, await startManualRun(server, workflow.id));
    const delivery = await fetch(workflow.webhookUrl!, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(delivery.status).toBe(202);
    const deliveries = await waitFor(async () => {
      const res = await server.api<{ deliveries: { id: string }[] }>(`/api/workflows/${workflow.id}/deliveries`);
      return res.body.deliveries[0];
    });
    const connection = await server.api<{ id: string }>("/api/connections", { body: { name: "Inventory", type: "bearer", config: {}, secrets: { token: "inventory-secret" } } });
    expect(connection.status).toBe(201);
    const imported = await server.api<{ id: string }>("/api/apis", { body: { document: JSON.stringify({ openapi: "3.1.0", info: { title: "Inventory", version: "1" }, paths: { "/items": { get: { operationId: "listItems", responses: {} } } } }) } });
    expect(imported.status).toBe(201);
    const ownerCookie = await signIn(server.url, { email: server.owner.email, password: server.owner.password, origin });
    const key = await server.api<{ id: string }>("/api/api-keys", { body: { name: "spare", role: "viewer" }, apiKey: null, headers: { cookie: ownerCookie, origin } });
    expect(key.status).toBe(201);
    const me = await server.api<{ user: { id: string } }>("/api/me");
    ids = { workflows: workflow.id, runs: run.id, connections: connection.body.id, "api-keys": key.body.id, apis: imported.body.id, deliveryId: deliveries.id, version: "1", userId: me.body.user.id };

    const invitation = await server.api<{ url: string }>("/api/invitations", { body: { role: "viewer" } });
    viewerCookie = await signUp(server.url, { email: "viewer@example.com", password: "viewer-password", origin, invitation: invitation.body.url.split("/invite/")[1] });
    strangerCookie = await signUp(server.url, { email: "stranger@example.com", password: "stranger-password", origin });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("finds the API's routes and knows every open one", () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const open of Object.keys(OPEN)) expect(routes.map((r) => r.route)).toContain(open);
    for (const route of routes) expect(route.methods.length, `${route.route} exports no HTTP method`).toBeGreaterThan(0);
  });

  it("answers 401 to every call without credentials or with an unknown API key", async () => {
    const failures: string[] = [];
    for (const { method, route } of calls) {
      const anonymous = await call(method, route, { origin: server.url });
      const badKey = await call(method, route, { authorization: "Bearer sbk_not-a-real-key" });
      if (anonymous !== 401 || badKey !== 401) failures.push(`${method} ${route}: ${anonymous}/${badKey}`);
    }
    expect(failures).toEqual([]);
  });

  it("answers 403 to a viewer on every mutating call", async () => {
    const failures: string[] = [];
    for (const { method, route } of mutating) {
      const status = await call(method, route, { cookie: viewerCookie, origin: server.url });
      if (status !== 403) failures.push(`${method} ${route}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it("answers 404 to another workspace's owner for this workspace's ids", async () => {
    const failures: string[] = [];
    for (const { method, route } of withIds) {
      const status = await call(method, route, { cookie: strangerCookie, origin: server.url });
      if (status !== 404) failures.push(`${method} ${route}: ${status}`);
    }
    expect(failures).toEqual([]);
    // Nothing of workspace A changed meanwhile.
    expect((await server.api(`/api/workflows/${ids.workflows}`)).status).toBe(200);
    expect((await server.api(`/api/connections/${ids.connections}`)).status).toBe(200);
  });

  it("keeps the open routes open", async () => {
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/auth/get-session`)).status).toBe(200);
  });

  it("answers every route's malformed path ids, too-deep bodies and lone surrogates with a JSON 4xx, never a 500", async () => {
    const failures: string[] = [];
    const owner = { authorization: `Bearer ${server.owner.apiKey}` };
    for (const { method, route } of withIds) {
      const url = `${server.url}${route.replace(/\[[^\]]+\]/g, (_, i: number) => (i % 2 ? "%C0%AE" : "%FF%FE"))}`;
      const response = await fetch(url, { method, headers: owner });
      if (![400, 404].includes(response.status) || !response.headers.get("content-type")?.includes("application/json")) failures.push(`${method} ${url}: ${response.status}`);
    }
    const deep = `{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
    const lone = '{"payload":"\\ud83d","data":{"s":"\\ud800"},"name":"\\udc00"}';
    for (const { method, route } of calls.filter((c) => ["POST", "PUT", "PATCH"].includes(c.method))) {
      for (const body of [deep, lone]) {
        const response = await fetch(`${server.url}${fill(route)}${QUERIES[route] ?? ""}`, { method, headers: { ...owner, "content-type": "application/json" }, body });
        if (response.status >= 500) failures.push(`${method} ${route} with ${body === deep ? "deep nesting" : "a lone surrogate"}: ${response.status}`);
      }
    }
    expect(failures).toEqual([]);

    // 10,000 levels, written as text: JSON.stringify itself would overflow the test's stack.
    const nestedText = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
    const post = async (pathname: string, template: unknown, levels: number) =>
      fetch(`${server.url}${pathname}`, { method: "POST", headers: { ...owner, "content-type": "application/json" }, body: JSON.stringify(template).replace('"DEEP"', nestedText(levels)) });
    const document = chain("Deep", [{ id: "start", type: "trigger.manual", config: {} }, { id: "shape", type: "transform.map", config: { expression: "1", deep: "DEEP" } }]);
    const refused = await post("/api/workflows", document, 10_000);
    expect(refused.status).toBe(400);
    const refusal = (await refused.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(refusal.error).toContain("nested deeper than 128 levels");
    expect(refusal.issues[0].path).toMatch(/^nodes\.1\.config\.deep/);
    expect((await post(`/api/workflows/${ids.workflows}/runs`, { payload: "DEEP" }, 10_000)).status).toBe(400);
    expect((await post("/api/events", { name: "deep.event", data: "DEEP" }, 10_000)).status).toBe(400);
    const nested = (levels: number): unknown => Array.from({ length: levels }).reduce<unknown>((inner) => ({ a: inner }), 1);
    expect((await server.api(`/api/workflows/${ids.workflows}/runs`, { body: { payload: nested(100) } })).status).toBe(202);
    const surrogate = await fetch(`${server.url}/api/workflows/${ids.workflows}/runs`, { method: "POST", headers: { ...owner, "content-type": "application/json" }, body: '{"payload":"\\ud83d"}' });
    expect(surrogate.status).toBe(400);
    expect(((await surrogate.json()) as { issues: { path: string; message: string }[] }).issues).toEqual([{ path: "payload", message: expect.stringContaining("lone UTF-16 surrogate") }]);
    const paired = await server.api<{ runId: string }>(`/api/workflows/${ids.workflows}/runs`, { body: { payload: { s: "\ud83d\ude00" } } });
    expect(paired.status).toBe(202);
    expect((await waitForRun(server, paired.body.runId)).status).toBe("completed");
  });

  it("fails a step whose output is nested too deep, and stores a lone surrogate a step produced as U+FFFD", async () => {
    const code = (body: string) => ({ id: "make", type: "transform.code", config: { code: body, timeoutMs: 2000, memoryLimitMb: 64 } });
    const deep = await createWorkflow(server, chain("Deep output", [{ id: "start", type: "trigger.manual", config: {} }, code("let o = 1; for (let i = 0; i < 500; i++) o = { a: o }; return o;")]));
    const failed = await waitForRun(server, await startManualRun(server, deep.id));
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toContain("nested deeper than 128 levels");
    const lone = await createWorkflow(server, chain("Half an emoji", [{ id: "start", type: "trigger.manual", config: {} }, code('return { text: "ok " + "\\ud83d" };')]));
    const completed = await waitForRun(server, await startManualRun(server, lone.id));
    expect(completed.status).toBe("completed");
    expect(completed.steps.find((s) => s.nodeId === "make")?.output).toEqual({ result: { text: "ok \ufffd" }, logs: [] });
  });
});
