import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow, getRun, startManualRun, waitForRun } from "../support/workflows";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STEPS = ["s1", "s2", "s3", "s4"];

/** A local API counting calls per (run, step); each answer carries its call number. */
function countingApi(): Promise<LocalApi & { calls: Map<string, number> }> {
  const calls = new Map<string, number>();
  return startLocalApi().then((api) => {
    for (const name of STEPS) {
      api.setHandler(`/count/${name}`, async (req, res) => {
        const key = `${String(req.headers["x-run-id"])}:${name}`;
        const call = (calls.get(key) ?? 0) + 1;
        calls.set(key, call);
        await sleep(50);
        json(res, 200, { call });
      });
    }
    return Object.assign(api, { calls });
  });
}

function countingWorkflow(url: string) {
  const call = (id: string) => ({ id, type: "action.http", config: { method: "POST", url: `${url}/count/${id}`, headers: { "x-run-id": "{{ run.id }}" } } });
  return chain("Counting", [{ id: "start", type: "trigger.manual", config: {} }, call("s1"), call("s2"), { id: "pause", type: "flow.delay", config: { duration: "1s" } }, call("s3"), call("s4")]);
}

describe.each(DATABASES)("crash safety on %s", (kind) => {
  let server: TestServer;
  let api: Awaited<ReturnType<typeof countingApi>>;

  beforeAll(async () => {
    api = await countingApi();
    server = await startTestServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("finishes every run across repeated kill -9, and never calls again a step whose result was recorded", async () => {
    const { id } = await createWorkflow(server, countingWorkflow(api.url));
    const runIds: string[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 4; i++) runIds.push(await startManualRun(server, id, { round, i }));
      await sleep(100 + Math.random() * 1200);
      await server.kill();
      await server.start();
    }
    const runs = await Promise.all(runIds.map((runId) => waitForRun(server, runId, undefined, 180_000)));
    expect(runs.map((r) => r.status)).toEqual(runIds.map(() => "completed"));
    for (const run of runs) {
      const detail = await getRun(server, run.id);
      for (const name of STEPS) {
        const calls = api.calls.get(`${run.id}:${name}`) ?? 0;
        const recorded = (detail.steps.find((s) => s.nodeId === name)?.output as { body: { call: number } }).body.call;
        expect(calls).toBeGreaterThanOrEqual(1);
        // The result in history came from the last call: no call happened after one was recorded.
        expect(recorded, `${run.id} ${name}`).toBe(calls);
      }
    }
  });
});

describe("two engine processes on one PostgreSQL database", () => {
  let first: TestServer;
  let second: TestServer;
  let api: LocalApi;
  const inFlight = new Map<string, number>();
  const overlaps: string[] = [];
  const calls = new Map<string, number>();

  beforeAll(async () => {
    api = await startLocalApi();
    for (const name of STEPS) {
      api.setHandler(`/count/${name}`, async (req, res) => {
        const key = `${String(req.headers["x-run-id"])}:${name}`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        if (inFlight.get(key)) overlaps.push(key);
        inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        await sleep(100);
        inFlight.set(key, inFlight.get(key)! - 1);
        json(res, 200, { call: calls.get(key) });
      });
    }
    first = await startTestServer("postgresql");
    second = await startTestServer("postgresql", { database: first.database });
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await api?.close();
  });

  it("never executes the same step in both processes", async () => {
    const { id } = await createWorkflow(first, countingWorkflow(api.url));
    const runIds = await Promise.all(Array.from({ length: 16 }, (_, i) => startManualRun(i % 2 ? second : first, id, { i })));
    const runs = await Promise.all(runIds.map((runId) => waitForRun(first, runId, undefined, 180_000)));
    expect(runs.map((r) => r.status)).toEqual(runIds.map(() => "completed"));
    expect(overlaps).toEqual([]);
    for (const runId of runIds) for (const name of STEPS) expect(calls.get(`${runId}:${name}`), `${runId} ${name}`).toBe(1);
  });
});
