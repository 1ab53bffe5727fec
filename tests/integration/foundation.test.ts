import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { sql, stamp } from "../support/sql";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, getRun, startManualRun, step, waitForRun } from "../support/workflows";

describe.each(DATABASES)("foundation on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;

  beforeAll(async () => {
    api = await startLocalApi();
    // A server whose local time is not UTC: what it stores and compares must still be instants.
    server = await startTestServer(kind, { env: { TZ: "America/New_York" } });
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("reports its database and engine", async () => {
    const res = await server.api("/api/health");
    expect(res).toEqual({ status: 200, body: { status: "ok", database: kind, engine: "embedded" } });
  });

  it("retries only the failing step: 2 failures then success give 3 attempts, earlier steps run once", async () => {
    let calls = 0;
    api.setHandler("/flaky", (_req, res) => (++calls <= 2 ? json(res, 500, { error: "down" }) : json(res, 200, { ok: true, calls })));
    const { id } = await createWorkflow(
      server,
      chain("Flaky", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "before", type: "action.http", config: { method: "POST", url: `${api.url}/before`, body: { n: "{{ trigger.n }}" } } },
        { id: "flaky", type: "action.http", config: { method: "GET", url: `${api.url}/flaky` }, settings: { retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 200 } } },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, id, { n: 7 }));
    expect(run.status).toBe("completed");
    expect(step(run, "flaky")).toMatchObject({ status: "completed", attempts: 3, output: { status: 200, body: { ok: true, calls: 3 } } });
    expect(step(run, "before")).toMatchObject({ status: "completed", attempts: 1 });
    expect(step(run, "start")).toMatchObject({ status: "completed", attempts: 1, output: { n: 7 } });
    expect(api.count("/before")).toBe(1);
    expect(JSON.parse(api.requests.find((r) => r.path === "/before")!.body)).toEqual({ n: 7 });
    expect(calls).toBe(3);
  });

  it("fails the run when the attempts run out, with the error on the step", async () => {
    api.setHandler("/broken", (_req, res) => json(res, 503, { error: "maintenance" }));
    const { id } = await createWorkflow(
      server,
      chain("Broken", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "call", type: "action.http", config: { url: `${api.url}/broken` }, settings: { retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 100 } } },
        { id: "after", type: "transform.map", config: { expression: "'never'" } },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ nodeId: "call" });
    expect(run.error!.message).toContain("503");
    expect(step(run, "call")).toMatchObject({ status: "failed", attempts: 2 });
    expect(run.steps.find((s) => s.nodeId === "after")).toBeUndefined();
    expect(api.count("/broken")).toBe(2);
  });

  it("does not retry a 400 from the target", async () => {
    api.setHandler("/reject", (_req, res) => json(res, 400, { error: "bad request" }));
    const { id } = await createWorkflow(
      server,
      chain("Rejected", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "call", type: "action.http", config: { url: `${api.url}/reject` } },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("failed");
    expect(step(run, "call").attempts).toBe(1);
    expect(api.count("/reject")).toBe(1);
  });

  it("starts a run from the webhook URL and passes trigger.body to later steps", async () => {
    const { id, webhookUrl } = await createWorkflow(
      server,
      chain("Hooked", [
        { id: "hook", type: "trigger.webhook", config: {} },
        { id: "shape", type: "transform.map", config: { expression: '{ "order": trigger.body.orderId, "via": trigger.method }' } },
        { id: "forward", type: "action.http", config: { method: "POST", url: `${api.url}/orders`, body: "{{ steps.shape }}", headers: { "x-order": "{{ trigger.body.orderId }}" } } },
      ]),
    );
    expect(webhookUrl).toMatch(new RegExp(`^${server.url}/api/hooks/[A-Za-z0-9_-]{32}$`));
    const response = await fetch(webhookUrl!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ orderId: "A-1001" }) });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    const run = await waitForRun(server, runId);
    expect(run.status).toBe("completed");
    const forwarded = api.requests.filter((r) => r.path === "/orders");
    expect(forwarded).toHaveLength(1);
    expect(JSON.parse(forwarded[0].body)).toEqual({ order: "A-1001", via: "POST" });
    expect(forwarded[0].headers["x-order"]).toBe("A-1001");
    expect(step(run, "hook").output).toMatchObject({ method: "POST", body: { orderId: "A-1001" } });
    // The trigger runs no step (its output is the trigger payload stored with the run), and its run-history row is complete all the same.
    expect(step(run, "hook")).toMatchObject({ status: "completed", attempts: 1, endedAt: expect.any(String) });
    const [engineRun] = await sql(server.database, `SELECT "id" FROM "EngineRun" WHERE CAST("event" AS TEXT) LIKE $1`, [`%${runId}%`]);
    expect(await sql(server.database, `SELECT "stepId" FROM "EngineStep" WHERE "runId" = $1`, [engineRun.id])).toHaveLength(3); // shape, forward, the run's completion

    await server.api(`/api/workflows/${id}`, { method: "PATCH", body: { active: false } });
    const inactive = await fetch(webhookUrl!, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(inactive.status).toBe(404);
  });

  it("completes a delay step after the delay", async () => {
    const { id } = await createWorkflow(
      server,
      chain("Delayed", [
        { id: "start", type: "trigger.manual", config: {} },
        // Long enough that polling sees the step sleeping on a loaded machine.
        { id: "wait", type: "flow.delay", config: { duration: "4s" } },
        { id: "after", type: "transform.map", config: { expression: "steps.wait" } },
      ]),
    );
    const requestedAt = Date.now();
    const runId = await startManualRun(server, id);
    const sleeping = await waitFor(async () => {
      const run = await getRun(server, runId);
      return run.steps.find((s) => s.nodeId === "wait" && s.status === "sleeping") ? run : undefined;
    });
    expect(sleeping.status).toBe("running");
    const run = await waitForRun(server, runId);
    expect(run.status).toBe("completed");
    expect(step(run, "wait").status).toBe("completed");
    // The run woke when the delay said, and only then continued.
    const sleptUntil = Date.parse((step(run, "after").output as { sleptUntil: string }).sleptUntil);
    expect(sleptUntil - Date.parse(step(run, "wait").startedAt!)).toBeGreaterThanOrEqual(4000);
    expect(Date.parse(step(run, "after").startedAt!)).toBeGreaterThanOrEqual(sleptUntil);
    // The run's times are the instants it started and ended (the server runs in New York time).
    const { body } = await server.api<{ startedAt: string; endedAt: string }>(`/api/runs/${runId}`);
    expect(Date.parse(body.startedAt)).toBeGreaterThanOrEqual(requestedAt);
    expect(Date.parse(body.endedAt) - Date.parse(body.startedAt)).toBeGreaterThanOrEqual(4000);
    expect(Date.parse(body.endedAt)).toBeLessThanOrEqual(Date.now());
  });

  it("shows each workflow's latest run, by when it was created, in the list and on the workflow", async () => {
    const manual = (name: string) => chain(name, [{ id: "start", type: "trigger.manual", config: {} }]);
    const busy = await createWorkflow(server, manual("Busy"));
    const once = await createWorkflow(server, manual("Once"));
    const never = await createWorkflow(server, manual("Never run"));
    const busyRuns: string[] = [];
    for (let i = 0; i < 3; i++) busyRuns.push((await waitForRun(server, await startManualRun(server, busy.id))).id);
    const onceRun = await waitForRun(server, await startManualRun(server, once.id));
    // The first of Busy's runs made the newest: the latest is read by creation time, not by id or insertion.
    const newest = new Date(Date.now() + 60_000);
    await sql(server.database, `UPDATE "Run" SET "createdAt" = $1 WHERE "id" = $2`, [stamp(server.database, newest), busyRuns[0]]);

    type Summary = { id: string; lastRun: { id: string; status: string; createdAt: string } | null };
    const { body } = await server.api<{ workflows: Summary[] }>("/api/workflows");
    const listed = (id: string) => body.workflows.find((w) => w.id === id)?.lastRun;
    expect(listed(busy.id)).toEqual({ id: busyRuns[0], status: "completed", createdAt: newest.toISOString() });
    expect(listed(once.id)).toMatchObject({ id: onceRun.id, status: "completed" });
    expect(listed(never.id)).toBeNull();
    expect((await server.api<Summary>(`/api/workflows/${busy.id}`)).body.lastRun).toEqual(listed(busy.id));
    expect((await server.api<Summary>(`/api/workflows/${never.id}`)).body.lastRun).toBeNull();
  });

  it("finishes a run across a crash and restart of the server", async () => {
    const { id } = await createWorkflow(
      server,
      chain("Survivor", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "first", type: "action.http", config: { method: "POST", url: `${api.url}/survivor-first` } },
        // Long enough that the kill lands while the run sleeps, however late polling sees it.
        { id: "wait", type: "flow.delay", config: { duration: "8s" } },
        { id: "last", type: "action.http", config: { method: "POST", url: `${api.url}/survivor-last` } },
      ]),
    );
    const runId = await startManualRun(server, id);
    await waitFor(async () => (await getRun(server, runId)).steps.find((s) => s.nodeId === "wait" && s.status === "sleeping"));
    await server.kill();
    await server.start();
    const run = await waitForRun(server, runId);
    expect(run.status).toBe("completed");
    expect(api.count("/survivor-first")).toBe(1);
    expect(api.count("/survivor-last")).toBe(1);
  });
});
