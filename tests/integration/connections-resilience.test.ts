import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, graph, startManualRun, step, waitForRun } from "../support/workflows";

const noRetry = { retry: { maxAttempts: 1 } };

async function createConnection(server: TestServer, body: unknown): Promise<string> {
  const res = await server.api<{ id: string }>("/api/connections", { body });
  if (res.status !== 201) throw new Error(`connection: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function breakerOf(server: TestServer, id: string): Promise<string> {
  const res = await server.api<{ breaker: { state: string } }>(`/api/connections/${id}`);
  return res.body.breaker.state;
}

describe.each(DATABASES)("circuit breaker and rate limit (%s)", (kind) => {
  let server: TestServer;
  let api: LocalApi;
  let failing = true;

  beforeAll(async () => {
    api = await startLocalApi({
      "/flaky": (_req, res) => (failing ? json(res, 503, { error: "down" }) : json(res, 200, { ok: true })),
      "/limited": (_req, res) => json(res, 200, { ok: true }),
    });
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("opens after the threshold, fails fast without calling the API, takes the fallback, and closes after a good trial call", async () => {
    const connectionId = await createConnection(server, {
      name: "Flaky API",
      type: "bearer",
      // The cooldown outlasts the open phase's two runs even on a loaded machine (3 s did not once:
      // the refused run became the trial call); the wait for half-open below is the price.
      config: { breaker: { failureThreshold: 3, cooldownSeconds: 15 } },
      secrets: { token: "tok-breaker-1234" },
    });
    const plain = await createWorkflow(server, chain("Breaker", [{ id: "start", type: "trigger.manual", config: {} }, { id: "call", type: "action.http", config: { url: `${api.url}/flaky`, connectionId }, settings: noRetry }]));
    for (let i = 0; i < 3; i++) {
      const run = await waitForRun(server, await startManualRun(server, plain.id));
      expect(run.status).toBe("failed");
      expect(run.error!.message).toMatch(/answered 503/);
    }
    expect(api.count("/flaky")).toBe(3);
    expect(await breakerOf(server, connectionId)).toBe("open");
    const metrics = await (await fetch(`${server.url}/api/metrics`, { headers: server.authHeaders })).text();
    expect(metrics).toContain(`switchboard_circuit_state{key="conn:${connectionId}",state="open"} 1`);
    expect(metrics).toContain(`switchboard_circuit_failures{key="conn:${connectionId}"} 3`);

    // Open: the next run fails at once, and the API never sees the call.
    const refused = await waitForRun(server, await startManualRun(server, plain.id));
    expect(refused.status).toBe("failed");
    // The cause leads (the last failed answer with its body), the breaker is the context.
    expect(refused.error!.message).toMatch(/^HTTP 503: \{"error":"down"\} \(circuit breaker for connection "Flaky API" is open/);
    expect(api.count("/flaky")).toBe(3);

    // A workflow with a fallback output follows it instead of failing.
    const withFallback = await createWorkflow(
      server,
      graph(
        "Breaker with fallback",
        [
          { id: "start", type: "trigger.manual" },
          { id: "call", type: "action.http", config: { url: `${api.url}/flaky`, connectionId, circuitFallback: true }, settings: noRetry },
          { id: "ok", type: "transform.map", config: { expression: '"called"' } },
          { id: "cached", type: "transform.map", config: { expression: '"served from cache: " & steps.call.error.name' } },
        ],
        ["start->call", "call->ok", "call:fallback->cached"],
      ),
    );
    const fallback = await waitForRun(server, await startManualRun(server, withFallback.id));
    expect(fallback.status).toBe("completed");
    expect(fallback.output).toEqual({ cached: "served from cache: CircuitOpenError" });
    expect(step(fallback, "ok").status).toBe("skipped");
    expect(api.count("/flaky")).toBe(3);

    // After the cooldown one trial call goes through; it succeeds and closes the breaker.
    failing = false;
    await waitFor(async () => ((await breakerOf(server, connectionId)) === "half_open" ? true : undefined), { timeoutMs: 45_000, intervalMs: 500, what: "the cooldown to end" });
    const trial = await waitForRun(server, await startManualRun(server, plain.id));
    expect(trial.status).toBe("completed");
    expect(api.count("/flaky")).toBe(4);
    expect(await breakerOf(server, connectionId)).toBe("closed");
  });

  it("honours a 429's Retry-After: the retry waits for it and counts no breaker failure", async () => {
    let busy = 0;
    api.setHandler("/busy", (_req, res) => {
      if (busy++ === 0) {
        res.writeHead(429, { "retry-after": "2", "content-type": "application/json" });
        res.end("{}");
      } else json(res, 200, { ok: true });
    });
    const connectionId = await createConnection(server, { name: "Busy", type: "bearer", secrets: { token: "tok-busy-123456" } });
    const workflow = await createWorkflow(server, chain("Retry-After", [{ id: "start", type: "trigger.manual", config: {} }, { id: "call", type: "action.http", config: { url: `${api.url}/busy`, connectionId }, settings: { retry: { maxAttempts: 3, initialDelayMs: 10 } } }]));
    const run = await waitForRun(server, await startManualRun(server, workflow.id));
    expect(run.status).toBe("completed");
    expect(step(run, "call").attempts).toBe(2);
    const [first, second] = api.requests.filter((r) => r.path === "/busy");
    expect(second.startedAt - first.startedAt).toBeGreaterThanOrEqual(2000);
    expect(await breakerOf(server, connectionId)).toBe("closed");
  });

  it("keeps 50 calls through a 10/s connection under the limit at the API", async () => {
    const connectionId = await createConnection(server, { name: "Limited", type: "apiKey", config: { rateLimit: { requests: 10, per: "second" } }, secrets: { key: "key-rate-limit-1" } });
    const workflow = await createWorkflow(server, chain("Rate limited", [{ id: "start", type: "trigger.manual", config: {} }, { id: "call", type: "action.http", config: { url: `${api.url}/limited`, connectionId }, settings: noRetry }]));
    // Started 10 at a time: 50 simultaneous starts can exceed the start transaction's wait for a
    // database connection while the whole suite runs (a platform limit, not the limiter's).
    const runIds: string[] = [];
    for (let batch = 0; batch < 5; batch++) runIds.push(...(await Promise.all(Array.from({ length: 10 }, () => startManualRun(server, workflow.id)))));
    // The test process stays idle while the calls arrive, so their timestamps are taken on time.
    await waitFor(async () => api.count("/limited") >= 50, { timeoutMs: 60_000, intervalMs: 1000, what: "50 calls" });
    const runs = [];
    for (const id of runIds) runs.push(await waitForRun(server, id));
    expect(runs.map((r) => r.status)).toEqual(Array(50).fill("completed"));
    const times = api.requests.filter((r) => r.path === "/limited").map((r) => r.startedAt).sort((a, b) => a - b);
    expect(times).toHaveLength(50);
    if (process.env.DEBUG_RATE) console.log(times.slice(1).map((t, i) => t - times[i]).join(","));
    // At most 10 calls start in any 1-second window.
    for (let i = 10; i < times.length; i++) expect(times[i] - times[i - 10]).toBeGreaterThanOrEqual(1000);
    // Every call carried the key; none was a failed attempt.
    expect(runs.every((r) => step(r, "call").attempts === 1)).toBe(true);
  });
});

describe("circuit breaker per host, for calls without a connection", () => {
  let server: TestServer;
  let api: LocalApi;

  beforeAll(async () => {
    api = await startLocalApi({ "/down": (_req, res) => json(res, 500, { error: "down" }) });
    server = await startTestServer("sqlite", { env: { OUTBOUND_HOST_BREAKER: "on" } });
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("opens after 5 consecutive failures (the default) and then refuses calls to that host", async () => {
    const workflow = await createWorkflow(server, chain("Host breaker", [{ id: "start", type: "trigger.manual", config: {} }, { id: "call", type: "action.http", config: { url: `${api.url}/down` }, settings: noRetry }]));
    for (let i = 0; i < 5; i++) expect((await waitForRun(server, await startManualRun(server, workflow.id))).error!.message).toMatch(/answered 500/);
    const refused = await waitForRun(server, await startManualRun(server, workflow.id));
    expect(refused.error!.message).toContain(`HTTP 500: {"error":"down"} (circuit breaker for ${new URL(api.url).host} is open`);
    expect(api.count("/down")).toBe(5);

    // Both refusals behind the open breaker are one group in the failed-runs queue.
    const again = await waitForRun(server, await startManualRun(server, workflow.id));
    expect(again.status).toBe("failed");
    const failed = await server.api<{ groups: { nodeId: string | null; message: string; count: number; runs: { id: string }[] }[] }>(`/api/runs/failed?workflowId=${workflow.id}`);
    const refusals = failed.body.groups.filter((g) => g.message.includes("circuit breaker"));
    expect(refusals).toHaveLength(1);
    expect(refusals[0].count).toBe(2);
    expect(refusals[0].runs.map((r) => r.id).sort()).toEqual([refused.id, again.id].sort());
  });
});

describe("SSRF guard (no allowlist)", () => {
  let server: TestServer;
  let target: Server;
  let connections = 0;
  let port = 0;

  beforeAll(async () => {
    // A loopback listener that only counts connection attempts.
    target = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    port = (target.address() as { port: number }).port;
    server = await startTestServer("sqlite", { env: { OUTBOUND_ALLOWLIST: "" } });
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => target?.close(resolve));
  });

  it("refuses loopback targets (by address and by a name resolving to one) before connecting", async () => {
    for (const url of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`]) {
      const workflow = await createWorkflow(server, chain(`SSRF ${url}`, [{ id: "start", type: "trigger.manual", config: {} }, { id: "call", type: "action.http", config: { url } }]));
      const run = await waitForRun(server, await startManualRun(server, workflow.id));
      expect(run.status).toBe("failed");
      expect(run.error!.message).toMatch(/refused: loopback addresses are blocked.*OUTBOUND_ALLOWLIST/);
      expect(step(run, "call").attempts).toBe(1); // not retried: it cannot change
    }
    const connection = await server.api<{ id: string }>("/api/connections", { body: { name: "Local redis", type: "redis", config: { host: "127.0.0.1", port } } });
    const tested = await server.api<{ ok: boolean; message: string }>(`/api/connections/${connection.body.id}/test`, { method: "POST" });
    expect(tested.body).toMatchObject({ ok: false, message: expect.stringMatching(/refused: loopback/) });
    expect(connections).toBe(0);
  });
});
