import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow } from "../support/workflows";

/** mulberry32: a small seeded generator, so a failure names a seed that reproduces it. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const STRINGS = ["", " ", "a", "trigger.manual", "action.http", "{{ trigger.x }}", "{{", "}}", "\u0000", "😀", "\ud83d", "%FF", "../../etc/passwd", "<script>", "null", "1e309", "x".repeat(5000), "DROP TABLE", "wf_0000", "$secret:••••abcd"];
  const value = (depth: number): unknown => {
    const kind = int(depth > 6 ? 6 : 10);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return next() < 0.5;
      case 2:
        return pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 31), 1e308, 65_536]);
      case 3:
      case 4:
      case 5:
        return pick(STRINGS);
      case 6:
      case 7:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(["id", "type", "config", "nodes", "edges", "name", "data", "payload", "version", "settings", "position", "x", pick(STRINGS)]), value(depth + 1)]));
    }
  };
  const deep = (levels: number) => Array.from({ length: levels }).reduce<unknown>((inner) => (next() < 0.5 ? [inner] : { a: inner }), 1);
  return { next, int, pick, value, deep };
}

interface Call {
  method: string;
  path: string;
  body?: string;
}

/** Requests built from a valid workflow document and payload, mutated at random: wrong types, missing and extra fields, odd strings, deep nesting. */
function calls(seed: number, workflowId: string, count: number): Call[] {
  const g = generator(seed);
  const valid = chain("Fuzz", [{ id: "start", type: "trigger.manual", config: {} }, { id: "shape", type: "transform.map", config: { expression: "1" } }]) as unknown as Record<string, unknown>;
  const mutate = (input: unknown, depth = 0): unknown => {
    if (g.next() < 0.15 || depth > 5) return g.value(depth);
    if (Array.isArray(input)) return g.next() < 0.2 ? [...input, g.value(depth)] : input.map((item) => mutate(item, depth + 1));
    if (input && typeof input === "object") {
      const entries = Object.entries(input).filter(() => g.next() > 0.1).map(([k, v]) => [k, mutate(v, depth + 1)] as const);
      if (g.next() < 0.2) entries.push([g.pick(["extra", "__proto__", "constructor", "id"]), g.value(depth)]);
      return Object.fromEntries(entries);
    }
    return g.next() < 0.3 ? g.value(depth) : input;
  };
  const json = (value: unknown) => (g.next() < 0.05 ? g.pick(["", "{", "[1,", "nul", '{"a":1}{"b":2}', "\u0000"]) : JSON.stringify(value));
  const anId = () => g.pick([workflowId, "wf_missing", "%FF", "%C0%AE", "..", "%2e%2e", "a".repeat(300), "%00", "😀", encodeURIComponent("\ud83d".toWellFormed())]);
  const out: Call[] = [];
  for (let i = 0; i < count; i++) {
    switch (g.int(9)) {
      case 0:
        out.push({ method: "POST", path: "/api/workflows", body: json(mutate(valid)) });
        break;
      case 1:
        out.push({ method: g.pick(["PUT", "PATCH"]), path: `/api/workflows/${anId()}`, body: json(g.next() < 0.5 ? mutate(valid) : { active: g.value(3), name: g.value(3) }) });
        break;
      case 2:
        out.push({ method: "POST", path: `/api/workflows/${anId()}/runs`, body: json({ payload: g.next() < 0.1 ? g.deep(g.int(300)) : g.value(0) }) });
        break;
      case 3:
        out.push({ method: "POST", path: "/api/events", body: json(mutate({ name: "order.created", data: { id: 1 }, id: "evt-1" })) });
        break;
      case 4:
        out.push({ method: "POST", path: "/api/connections", body: json(mutate({ name: "Fuzz", type: g.pick(["bearer", "apiKey", "smtp", "postgres", "aiModel", "nope"]), config: {}, secrets: { token: "t-1234567" } })) });
        break;
      case 5: {
        const query = Array.from({ length: g.int(4) }, () => `${g.pick(["status", "limit", "cursor", "workflowId", "from", "to", "q", "period", "days", "triggerKind"])}=${encodeURIComponent(String(g.value(4)).slice(0, 200).toWellFormed())}`).join("&");
        out.push({ method: "GET", path: `${g.pick(["/api/runs", "/api/runs/stats", "/api/runs/failed", "/api/runs/anomalies", "/api/audit", "/api/workflows"])}?${query}` });
        break;
      }
      case 6:
        out.push({ method: g.pick(["GET", "DELETE"]), path: `${g.pick(["/api/workflows", "/api/runs", "/api/connections", "/api/api-keys"])}/${anId()}` });
        break;
      case 7:
        out.push({ method: "GET", path: `/api/workflows/${anId()}/${g.pick(["versions/1", "versions/%FF", "deliveries", "deliveries/%C0", "runs"])}` });
        break;
      default:
        out.push({ method: "POST", path: `/api/runs/${anId()}/${g.pick(["rerun", "replay", "cancel"])}`, body: json(g.value(2)) });
    }
  }
  return out;
}

describe.each(DATABASES)("a seeded fuzz of the public API on %s", (kind) => {
  let server: TestServer;
  let workflowId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    workflowId = (await createWorkflow(server, chain("Fuzz target", [{ id: "start", type: "trigger.manual", config: {} }, { id: "shape", type: "transform.map", config: { expression: "1" } }]))).id;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("never answers 5xx, whatever documents, payloads, events, connections, query strings and path ids it gets", async () => {
    const seed = 20261204;
    const failures: string[] = [];
    for (const call of calls(seed, workflowId, 250)) {
      const response = await fetch(`${server.url}${call.path}`, { method: call.method, headers: { ...server.authHeaders, ...(call.body === undefined ? {} : { "content-type": "application/json" }) }, body: call.body });
      await response.arrayBuffer();
      if (response.status >= 500) failures.push(`${call.method} ${call.path} ${call.body?.slice(0, 200) ?? ""} → ${response.status}`);
    }
    expect(failures, `seed ${seed}`).toEqual([]);
    // The server is still well after all that.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
