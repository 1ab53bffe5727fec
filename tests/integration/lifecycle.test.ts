import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { gatedApi } from "../support/gated-api";
import { startTestServer, type TestServer } from "../support/server";
import { sql } from "../support/sql";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, startManualRun, waitForRun } from "../support/workflows";

const RUNS = 12;

function twoCalls(url: string) {
  const call = (id: string, path: string) => ({ id, type: "action.http", config: { method: "POST", url: `${url}${path}`, headers: { "x-run-id": "{{ run.id }}" } } });
  return chain("Two calls", [{ id: "start", type: "trigger.manual", config: {} }, call("slow", "/slow"), call("fast", "/fast")]);
}

describe.each(DATABASES)("graceful stop on %s", (kind) => {
  let server: TestServer;
  let api: Awaited<ReturnType<typeof gatedApi>>;
  const others: TestServer[] = [];

  beforeAll(async () => {
    api = await gatedApi();
    server = await startTestServer(kind, { env: { SWITCHBOARD_SHUTDOWN_GRACE_MS: "60000" } });
  });

  afterAll(async () => {
    api?.openGate();
    for (const other of others) await other.terminate();
    await server?.stop();
    await api?.close();
  });

  it("on SIGTERM refuses new webhooks with Retry-After, lets the steps in flight finish, exits 0, and the restart finishes every run without calling a step twice", async () => {
    const { id } = await createWorkflow(server, twoCalls(api.url));
    const hook = await createWorkflow(server, chain("Hook", [{ id: "hook", type: "trigger.webhook", config: {} }]));
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) runIds.push(await startManualRun(server, id, { i }));
    await waitFor(async () => api.inFlight() === RUNS, { what: "every run's first call in flight" });

    const exited = server.terminate();
    // Draining: a new webhook call is refused with Retry-After instead of being half accepted.
    const refused = await waitFor(
      async () => {
        const response = await fetch(hook.webhookUrl!, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        return response.status === 503 ? response : undefined;
      },
      { timeoutMs: 30_000, what: "webhook calls refused while draining" },
    );
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(await refused.json()).toEqual({ error: "The server is restarting; try again shortly" });
    api.openGate();
    expect(await exited).toBe(0);
    // Every step in flight finished within the grace period: none was left to run again.
    expect(server.logs()).toMatch(/\[runtime\] stopped in \d+ ms\n/);

    await server.start();
    const runs = await Promise.all(runIds.map((runId) => waitForRun(server, runId, undefined, 120_000)));
    expect(runs.map((r) => r.status)).toEqual(runIds.map(() => "completed"));
    for (const runId of runIds) expect([api.calls.get(`${runId}:slow`), api.calls.get(`${runId}:fast`)]).toEqual([1, 1]);
  });

  it("releases the steps still running when the grace period ends, so the next start takes them over at once", async () => {
    // The same database, served again with a grace period shorter than the step takes.
    await server.terminate();
    const short = await startTestServer(kind, { database: server.database, env: { SWITCHBOARD_SHUTDOWN_GRACE_MS: "1000" } });
    others.push(short);
    api.closeGate();
    const { id } = await createWorkflow(short, twoCalls(api.url));
    const runIds = [await startManualRun(short, id, { n: 1 }), await startManualRun(short, id, { n: 2 })];
    await waitFor(async () => api.inFlight() === runIds.length, { what: "both first calls in flight" });
    expect(await short.terminate()).toBe(0);
    expect(short.logs()).toContain("2 step(s) still running were released to the next start");
    expect(await sql(short.database, 'SELECT "id" FROM "EngineJob" WHERE "lockedBy" IS NOT NULL')).toEqual([]);
    api.openGate();

    await short.start();
    const runs = await Promise.all(runIds.map((runId) => waitForRun(short, runId, undefined, 120_000)));
    expect(runs.map((r) => r.status)).toEqual(["completed", "completed"]);
    // Cut off mid-call, the first step ran again (at least once, as promised for steps in flight); the second ran once.
    for (const runId of runIds) expect([api.calls.get(`${runId}:slow`), api.calls.get(`${runId}:fast`)]).toEqual([2, 1]);
  });
});
