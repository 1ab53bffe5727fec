import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { gatedApi } from "../support/gated-api";
import { startTestServer, type TestServer } from "../support/server";
import { sql, stamp } from "../support/sql";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, startManualRun, waitForRun } from "../support/workflows";

/** More runs than the server's own worker takes at once (32): the rest can only go to the execution process. */
const RUNS = 40;

function slowCall(url: string) {
  return chain("Slow call", [
    { id: "start", type: "trigger.manual", config: {} },
    { id: "slow", type: "action.http", config: { method: "POST", url: `${url}/slow`, headers: { "x-run-id": "{{ run.id }}" } } },
  ]);
}

/** Sum of a Prometheus counter's series with the given label. */
function counterTotal(text: string, name: string, label: string): number {
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) && line.includes(label))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

describe.each(DATABASES)("execution processes on %s", (kind) => {
  let server: TestServer;
  let api: Awaited<ReturnType<typeof gatedApi>>;

  beforeAll(async () => {
    api = await gatedApi();
    server = await startTestServer(kind, { env: { SWITCHBOARD_EXECUTORS: "1" } });
    // The execution process has registered its worker beside the server's.
    await waitFor(async () => (await sql(server.database, 'SELECT "id" FROM "EngineWorker"')).length === 2, { what: "two engine workers" });
  });

  afterAll(async () => {
    api?.openGate();
    await server?.stop();
    await api?.close();
  });

  async function workers() {
    const rows = await sql(server.database, 'SELECT "id", "pid" FROM "EngineWorker"');
    return rows.map((row) => ({ id: String(row.id), pid: Number(row.pid) }));
  }

  it("executes runs in the server and in its execution process, each step once, counted in the server's metrics", async () => {
    const { id } = await createWorkflow(server, slowCall(api.url));
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) runIds.push(await startManualRun(server, id, { i }));
    await waitFor(async () => api.inFlight() === RUNS, { what: "every run's call in flight" });

    const running = await workers();
    expect(running.map((w) => w.pid)).toContain(server.pid());
    expect(new Set(running.map((w) => w.pid)).size).toBe(2);
    // A job's lease names the worker that claimed it and the claim (`<worker id>:<n>`).
    const leases = await sql(server.database, 'SELECT "lockedBy" FROM "EngineJob" WHERE "lockedBy" IS NOT NULL');
    expect([...new Set(leases.map((row) => String(row.lockedBy).split(":")[0]))].sort()).toEqual(running.map((w) => w.id).sort());

    api.openGate();
    const runs = await Promise.all(runIds.map((runId) => waitForRun(server, runId)));
    expect(runs.map((run) => run.status)).toEqual(runIds.map(() => "completed"));
    expect(runIds.map((runId) => api.calls.get(`${runId}:slow`))).toEqual(runIds.map(() => 1));
    // Runs finished in the execution process are counted there; the server's /api/metrics adds them up.
    const metrics = await (await fetch(`${server.url}/api/metrics`, { headers: server.authHeaders })).text();
    expect(counterTotal(metrics, "switchboard_runs_total", `workflow_id="${id}",status="completed"`)).toBe(RUNS);
  });

  it("starts another execution process when one dies, and it takes over the dead one's steps at once", async () => {
    api.closeGate();
    const { id } = await createWorkflow(server, slowCall(api.url));
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) runIds.push(await startManualRun(server, id, { i }));
    await waitFor(async () => api.inFlight() === RUNS, { what: "every run's call in flight" });
    const executor = (await workers()).find((w) => w.pid !== server.pid())!;
    const itsJobs = await sql(server.database, 'SELECT "id" FROM "EngineJob" WHERE "lockedBy" LIKE $1', [`${executor.id}:%`]);
    expect(itsJobs.length).toBeGreaterThan(0);

    process.kill(executor.pid, "SIGKILL");
    // Its leases would run out within 30 s, and then any worker could take its jobs: make them last, so only a release frees them.
    await sql(server.database, 'UPDATE "EngineJob" SET "lockedUntil" = $1 WHERE "lockedBy" LIKE $2', [stamp(server.database, new Date(Date.now() + 3_600_000)), `${executor.id}:%`]);
    await waitFor(async () => (await workers()).some((w) => w.id !== executor.id && w.pid !== server.pid()), { what: "a new execution process" });
    expect(server.logs()).toContain(`[executors] execution process ${executor.pid} exited (SIGKILL); starting another`);
    // The new one forgets the dead one once it has released its jobs (not left for its leases to run out).
    await waitFor(async () => !(await workers()).some((w) => w.id === executor.id), { what: "the dead process forgotten" });
    expect(await sql(server.database, 'SELECT "id" FROM "EngineJob" WHERE "lockedBy" LIKE $1', [`${executor.id}:%`])).toEqual([]);
    // The new one released the dead one's jobs when it started (same host, process gone): they run again.
    await waitFor(async () => api.inFlight() === RUNS + itsJobs.length, { what: "the dead process's steps called again" });

    api.openGate();
    const runs = await Promise.all(runIds.map((runId) => waitForRun(server, runId)));
    expect(runs.map((run) => run.status)).toEqual(runIds.map(() => "completed"));
    // At least once for the steps in flight in the process that died (called again); once for the rest.
    const calls = runIds.map((runId) => api.calls.get(`${runId}:slow`));
    expect(calls.filter((n) => n === 2)).toHaveLength(itsJobs.length);
    expect(calls.filter((n) => n === 1)).toHaveLength(RUNS - itsJobs.length);
  });
});
