import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { startLocalSmtp } from "../support/smtp";
import { sql, stamp } from "../support/sql";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, getRun, graph, sendEvent, startManualRun, step, waitForRun } from "../support/workflows";

interface Detail {
  id: string;
  status: string;
  replayOf: string | null;
  replayFromNode: string | null;
  attempts: { total: number; retries: number };
  steps: { nodeId: string; status: string; reused: boolean; timeline: { kind: string; attempt: number; status: string; error: { message: string } | null }[] }[];
  actions: { action: string; actor: string; details: Record<string, unknown> }[];
  replays: { id: string }[];
  recovery: { canRerun: boolean; canReplay: boolean; replayFrom: string | null; reuse: string[]; published: { version: number; replayFrom: string | null; reuse: string[] } | null };
}

describe.each(DATABASES)("recovery on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;

  beforeAll(async () => {
    api = await startLocalApi();
    server = await startTestServer(kind, { env: { SWITCHBOARD_REPLAY_PAUSE: "200ms", SWITCHBOARD_REPLAYS_PER_STEP: "2" } });
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  const detail = async (runId: string) => (await server.api<Detail>(`/api/runs/${runId}`)).body;

  it("replays from the failed step: earlier steps, the sleep and the wait are reused, the failed step and what follows run", async () => {
    let healthy = false;
    api.setHandler("/rec-charge", (_req, res) => (healthy ? json(res, 200, { charged: true }) : json(res, 503, { error: "payments down" })));
    const { id } = await createWorkflow(
      server,
      graph(
        "Charge order",
        [
          { id: "start", type: "trigger.manual" },
          { id: "reserve", type: "action.http", config: { method: "POST", url: `${api.url}/rec-reserve`, body: { order: "{{ trigger.orderId }}" } } },
          { id: "pause", type: "flow.delay", config: { duration: "1s" } },
          { id: "approval", type: "flow.wait-for-event", config: { event: "rec.approved", matchField: "data.orderId", matchValue: "{{ trigger.orderId }}", timeout: "10m" } },
          { id: "charge", type: "action.http", config: { method: "POST", url: `${api.url}/rec-charge` }, settings: { retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 100 } } },
          { id: "notify", type: "action.http", config: { method: "POST", url: `${api.url}/rec-notify` } },
        ],
        ["start->reserve", "reserve->pause", "pause->approval", "approval->charge", "charge->notify"],
      ),
    );
    const runId = await startManualRun(server, id, { orderId: "A-77" });
    await waitFor(async () => (await getRun(server, runId)).steps.find((s) => s.nodeId === "approval" && s.status === "waiting"), { what: "the wait" });
    await sendEvent(server, { name: "rec.approved", data: { orderId: "A-77" } });
    const failed = await waitForRun(server, runId);
    expect(failed.status).toBe("failed");
    expect(api.count("/rec-reserve")).toBe(1);
    expect(api.count("/rec-charge")).toBe(2);

    // Each attempt is its own entry with its error; the sleep and the wait have theirs.
    const original = await detail(runId);
    const charge = original.steps.find((s) => s.nodeId === "charge")!;
    expect(charge.timeline.map((t) => [t.kind, t.attempt, t.status])).toEqual([
      ["attempt", 1, "failed"],
      ["attempt", 2, "failed"],
    ]);
    expect(charge.timeline[0].error?.message).toContain("503");
    expect(original.steps.find((s) => s.nodeId === "pause")!.timeline.map((t) => t.kind)).toEqual(["sleep"]);
    expect(original.steps.find((s) => s.nodeId === "approval")!.timeline.map((t) => [t.kind, t.status])).toEqual([["wait", "completed"]]);
    expect(original.attempts).toEqual({ total: 4, retries: 1 });
    expect(original.recovery).toMatchObject({ canReplay: true, canRerun: true, replayFrom: "charge", reuse: ["start", "reserve", "pause", "approval"] });

    healthy = true;
    const replay = await server.api<{ runId: string; fromNode: string; reused: string[] }>(`/api/runs/${runId}/replay`, { method: "POST", headers: { "user-agent": "ops-console/1" } });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ fromNode: "charge", reused: ["start", "reserve", "pause", "approval"] });
    const replayed = await waitForRun(server, replay.body.runId, ["completed", "failed", "cancelled"], 30_000);
    expect(replayed.status).toBe("completed");
    expect(api.count("/rec-reserve")).toBe(1);
    expect(api.count("/rec-charge")).toBe(3);
    expect(api.count("/rec-notify")).toBe(1);
    expect(step(replayed, "notify").status).toBe("completed");

    const replayDetail = await detail(replay.body.runId);
    expect(replayDetail).toMatchObject({ replayOf: runId, replayFromNode: "charge" });
    expect(replayDetail.steps.filter((s) => s.reused).map((s) => s.nodeId).sort()).toEqual(["approval", "pause", "reserve", "start"]);
    expect(replayDetail.steps.find((s) => s.nodeId === "charge")!.timeline.map((t) => [t.kind, t.status])).toEqual([["attempt", "completed"]]);

    // The original stays as it was and shows what was done to it.
    const after = await detail(runId);
    expect(after.status).toBe("failed");
    expect(after.replays.map((r) => r.id)).toEqual([replay.body.runId]);
    expect(after.actions).toEqual([expect.objectContaining({ action: "replay", actor: "api-key:tests", details: expect.objectContaining({ newRunId: replay.body.runId, fromNode: "charge" }) })]);
    expect((after.actions[0].details.client as { userAgent: string }).userAgent).toBe("ops-console/1");
  });

  it("reruns a finished run with the same trigger data, every step again", async () => {
    const { id } = await createWorkflow(
      server,
      chain("Echo", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "send", type: "action.http", config: { method: "POST", url: `${api.url}/rec-echo`, body: { n: "{{ trigger.n }}" } } },
      ]),
    );
    const first = await waitForRun(server, await startManualRun(server, id, { n: 5 }));
    expect(first.status).toBe("completed");
    expect((await server.api(`/api/runs/${first.id}/replay`, { method: "POST" })).status).toBe(409);
    const rerun = await server.api<{ runId: string }>(`/api/runs/${first.id}/rerun`, { method: "POST" });
    expect(rerun.status).toBe(202);
    const second = await waitForRun(server, rerun.body.runId);
    expect(second.status).toBe("completed");
    expect(api.requests.filter((r) => r.path === "/rec-echo").map((r) => JSON.parse(r.body))).toEqual([{ n: 5 }, { n: 5 }]);
    expect(await detail(rerun.body.runId)).toMatchObject({ replayOf: first.id, replayFromNode: null });
    expect((await detail(first.id)).actions.map((a) => a.action)).toEqual(["rerun"]);
  });

  it("bulk-replays failed runs through a queue: the failed-runs view groups them, every replay completes", async () => {
    let healthy = false;
    api.setHandler("/rec-bulk", (_req, res) => (healthy ? json(res, 200, { ok: true }) : json(res, 500, { error: "bulk target down" })));
    const { id } = await createWorkflow(
      server,
      chain("Bulk sync", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "prepare", type: "action.http", config: { method: "POST", url: `${api.url}/rec-prepare` } },
        { id: "push", type: "action.http", config: { method: "POST", url: `${api.url}/rec-bulk` }, settings: { retry: { maxAttempts: 1 } } },
      ]),
    );
    const runIds: string[] = [];
    for (let i = 0; i < 5; i++) runIds.push(await startManualRun(server, id, { i }));
    for (const runId of runIds) expect((await waitForRun(server, runId)).status).toBe("failed");

    const dlq = await server.api<{ groups: { workflowId: string; nodeId: string; message: string; count: number; runs: { id: string }[] }[] }>(`/api/runs/failed?workflowId=${id}`);
    expect(dlq.body.groups).toHaveLength(1);
    expect(dlq.body.groups[0]).toMatchObject({ workflowId: id, nodeId: "push", count: 5 });
    expect(dlq.body.groups[0].message).toContain("500");
    expect(dlq.body.groups[0].runs.map((r) => r.id).sort()).toEqual([...runIds].sort());

    healthy = true;
    const bulk = await server.api<{ batchId: string; queued: string[]; skipped: { runId: string; reason: string }[] }>("/api/runs/replay", {
      body: { runIds: [...runIds, "run_unknown"], mode: "replay" },
    });
    expect(bulk.status).toBe(202);
    expect(bulk.body.queued.sort()).toEqual([...runIds].sort());
    expect(bulk.body.skipped).toEqual([{ runId: "run_unknown", reason: "Run not found" }]);

    const replays = await waitFor(
      async () => {
        const details = await Promise.all(runIds.map((runId) => detail(runId)));
        const ids = details.map((d) => d.replays[0]?.id);
        return ids.every(Boolean) ? ids : undefined;
      },
      { what: "every run to be replayed", timeoutMs: 60_000 },
    );
    for (const replayId of replays) expect((await waitForRun(server, replayId)).status).toBe("completed");
    expect(api.count("/rec-prepare")).toBe(5);
    expect(api.count("/rec-bulk")).toBe(10);
    const action = (await detail(runIds[0])).actions.find((a) => a.action === "bulk-replay")!;
    expect(action.details).toMatchObject({ batchId: bulk.body.batchId, mode: "replay", newRunId: replays[0] });
    expect((await server.api<{ groups: unknown[] }>(`/api/runs/failed?workflowId=${id}`)).body.groups).toEqual([]);

    // A run replayed already is not queued again.
    const again = await server.api<{ queued: string[]; skipped: { reason: string }[] }>("/api/runs/replay", { body: { runIds: [runIds[0]] } });
    expect(again.body).toMatchObject({ queued: [], skipped: [{ reason: "Already replayed" }] });
    expect((await server.api("/api/runs/replay", { body: { runIds: [] } })).status).toBe(400);
  });

  it("replays on the fixed, published version: unchanged steps before the fix are reused, the fixed step runs on the new version", async () => {
    const steps = (url: string) => [
      { id: "start", type: "trigger.manual", config: {} },
      { id: "lookup", type: "action.http", config: { method: "POST", url: `${api.url}/fix-lookup` } },
      { id: "push", type: "action.http", config: { method: "POST", url }, settings: { retry: { maxAttempts: 1 } } },
    ];
    api.setHandler("/fix-broken", (_req, res) => json(res, 500, { error: "wrong endpoint" }));
    api.setHandler("/fix-fixed", (_req, res) => json(res, 200, { ok: true }));
    const { id } = await createWorkflow(server, chain("Push with a fix", steps(`${api.url}/fix-broken`)));
    const runIds = [await startManualRun(server, id), await startManualRun(server, id), await startManualRun(server, id)];
    for (const runId of runIds) expect((await waitForRun(server, runId)).status).toBe("failed");
    expect((await detail(runIds[0])).recovery).toMatchObject({ published: null });

    // The fix: published as version 2.
    expect((await server.api(`/api/workflows/${id}`, { method: "PUT", body: chain("Push with a fix", steps(`${api.url}/fix-fixed`)) })).status).toBe(200);
    expect((await detail(runIds[0])).recovery).toMatchObject({ published: { version: 2, replayFrom: "push", reuse: ["start", "lookup"] } });

    // On the run's own version it fails again; on the published one it completes without calling lookup again.
    const same = await server.api<{ runId: string; workflowVersion: number }>(`/api/runs/${runIds[0]}/replay`, { method: "POST" });
    expect(same.body.workflowVersion).toBe(1);
    expect((await waitForRun(server, same.body.runId)).status).toBe("failed");
    const fixed = await server.api<{ runId: string; workflowVersion: number; reused: string[] }>(`/api/runs/${runIds[1]}/replay`, { body: { version: "published" } });
    expect(fixed.status).toBe(202);
    expect(fixed.body).toMatchObject({ workflowVersion: 2, reused: ["start", "lookup"] });
    const run = await waitForRun(server, fixed.body.runId);
    expect(run.status).toBe("completed");
    expect(step(run, "lookup").attempts).toBe(0);
    expect(api.count("/fix-lookup")).toBe(3);
    expect(api.count("/fix-fixed")).toBe(1);
    expect((await detail(runIds[1])).actions.find((a) => a.action === "replay")!.details).toMatchObject({ workflowVersion: 2 });
    expect((await server.api(`/api/runs/${runIds[2]}/replay`, { body: { version: "latest" } })).status).toBe(400);

    // Bulk replay on the published version.
    const bulk = await server.api<{ queued: string[] }>("/api/runs/replay", { body: { runIds: [runIds[2]], mode: "replay", version: "published" } });
    expect(bulk.body.queued).toEqual([runIds[2]]);
    const replayId = await waitFor(async () => (await detail(runIds[2])).replays[0]?.id, { what: "the bulk replay to start", timeoutMs: 60_000 });
    expect((await waitForRun(server, replayId)).status).toBe("completed");
    expect(api.count("/fix-fixed")).toBe(2);
    expect(api.count("/fix-lookup")).toBe(3);
  });

  it("records a cancel with who and from where", async () => {
    const { id } = await createWorkflow(
      server,
      chain("Slow", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "nap", type: "flow.delay", config: { duration: "1h" } },
      ]),
    );
    const runId = await startManualRun(server, id);
    await waitFor(async () => (await getRun(server, runId)).steps.find((s) => s.status === "sleeping"));
    expect((await server.api(`/api/runs/${runId}/cancel`, { method: "POST", headers: { "user-agent": "ops-console/2", "x-forwarded-for": "10.1.2.3" } })).status).toBe(200);
    const cancelled = await detail(runId);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.steps.find((s) => s.nodeId === "nap")!.timeline).toEqual([expect.objectContaining({ kind: "sleep", status: "cancelled" })]);
    expect(cancelled.actions).toEqual([expect.objectContaining({ action: "cancel", actor: "api-key:tests", details: expect.objectContaining({ previousStatus: "running", client: { ip: "10.1.2.3", userAgent: "ops-console/2" } }) })]);
  });

  it("alerts a webhook when a run fails, at most once per period per workflow", async () => {
    api.setHandler("/rec-down", (_req, res) => json(res, 400, { error: "rejected" }));
    const { id } = await createWorkflow(
      server,
      graph(
        "Alerting",
        [
          { id: "start", type: "trigger.manual" },
          { id: "call", type: "action.http", config: { url: `${api.url}/rec-down` } },
        ],
        ["start->call"],
        { alerts: { webhookUrl: `${api.url}/rec-alert`, everyMinutes: 60 } },
      ),
    );
    for (let i = 0; i < 3; i++) expect((await waitForRun(server, await startManualRun(server, id))).status).toBe("failed");
    await waitFor(async () => api.count("/rec-alert") >= 1, { what: "the alert" });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.count("/rec-alert")).toBe(1);
    const alert = JSON.parse(api.requests.find((r) => r.path === "/rec-alert")!.body);
    expect(alert).toMatchObject({ type: "run.failed", workflow: { id, name: "Alerting" }, run: { error: { nodeId: "call" } } });
    expect(alert.text).toContain("Alerting");
    const bad = await server.api(`/api/workflows`, { body: graph("Bad alerts", [{ id: "start", type: "trigger.manual" }], [], { alerts: { webhookUrl: "ftp://x" } }) });
    expect(bad.status).toBe(400);
  });

  it("alerts by e-mail through an SMTP connection, and refuses alerts without a channel", async () => {
    const smtp = await startLocalSmtp({ username: "alerts", password: "alert-pass-5521" });
    try {
      api.setHandler("/rec-mail-down", (_req, res) => json(res, 400, { error: "rejected" }));
      const connection = await server.api<{ id: string }>("/api/connections", {
        body: { name: "Alert mail", type: "smtp", config: { host: "127.0.0.1", port: smtp.port, secure: false, username: "alerts", from: "Switchboard <alerts@example.com>" }, secrets: { password: "alert-pass-5521" } },
      });
      expect(connection.status).toBe(201);
      const { id } = await createWorkflow(
        server,
        graph(
          "Mail alerting",
          [
            { id: "start", type: "trigger.manual" },
            { id: "call", type: "action.http", config: { url: `${api.url}/rec-mail-down` } },
          ],
          ["start->call"],
          { alerts: { email: { connectionId: connection.body.id, to: "ops@example.com, oncall@example.com" }, everyMinutes: 60 } },
        ),
      );
      for (let i = 0; i < 2; i++) expect((await waitForRun(server, await startManualRun(server, id))).status).toBe("failed");
      await waitFor(async () => smtp.messages.length >= 1, { what: "the alert e-mail" });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toMatchObject({ from: "alerts@example.com", to: ["ops@example.com", "oncall@example.com"], user: "alerts" });
      expect(smtp.messages[0].raw).toContain("Mail alerting");
      expect(smtp.messages[0].raw).toContain("call");
      const none = await server.api<{ error: string }>(`/api/workflows`, { body: graph("No channel", [{ id: "start", type: "trigger.manual" }], [], { alerts: { everyMinutes: 5 } }) });
      expect(none.status).toBe(400);
      expect(JSON.stringify(none.body)).toContain("webhook URL or an e-mail");
    } finally {
      await smtp.close();
    }
  });

  it("learns each workflow's usual hour from earlier weeks: alerts once when its volume drops, and finds an hour of slow runs", async () => {
    const HOUR = 60 * 60_000;
    const WEEK = 7 * 24 * HOUR;
    // Three hours back: the background check covers only the last complete hour, so it cannot record this one first.
    const hour = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
    const workflows: Record<string, string> = {};
    for (const name of ["Steady orders", "Dropped orders", "Slow orders"]) {
      const alerts = name === "Slow orders" ? {} : { alerts: { webhookUrl: `${api.url}/anomaly-alert` } };
      const document = graph(name, [{ id: "start", type: "trigger.manual" }], [], alerts);
      workflows[name] = (await createWorkflow(server, document)).id;
      await sql(server.database, `UPDATE "Workflow" SET "createdAt" = $1 WHERE "id" = $2`, [stamp(server.database, new Date(hour - 5 * WEEK)), workflows[name]]);
    }
    // Four earlier weeks with 30 runs of 120 ms in this hour of the week for each; this week 28 for
    // one, 2 for another, and 28 of 4 s for the third, with 2 failed runs of a minute (which its
    // p95 must leave out) and one still running.
    const seed = async (workflowId: string, start: number, count: number, { ms = 120, status = "completed", key = "" } = {}) => {
      for (let i = 0; i < count; i++) {
        const createdAt = new Date(start + i * 60_000);
        await sql(
          server.database,
          `INSERT INTO "Run" ("id", "workspaceId", "workflowId", "workflowVersion", "status", "triggerKind", "createdAt", "startedAt", "endedAt") VALUES ($1, 'default', $2, 1, $3, 'webhook', $4, $5, $6)`,
          [`run_seed_${workflowId}_${start}_${key}${i}`, workflowId, status, stamp(server.database, createdAt), stamp(server.database, createdAt), status === "running" ? null : stamp(server.database, new Date(createdAt.getTime() + ms))],
        );
      }
    };
    for (let week = 1; week <= 4; week++) for (const id of Object.values(workflows)) await seed(id, hour - week * WEEK, 30);
    await seed(workflows["Steady orders"], hour, 28);
    await seed(workflows["Dropped orders"], hour, 2);
    await seed(workflows["Slow orders"], hour, 28, { ms: 4000 });
    await seed(workflows["Slow orders"], hour, 2, { ms: 60_000, status: "failed", key: "failed" });
    await seed(workflows["Slow orders"], hour, 1, { status: "running", key: "running" });

    const check = await server.api<{ anomalies: { workflowId: string; kind: string; observed: number; expected: number; summary: string }[] }>(
      `/api/runs/anomalies?hour=${new Date(hour).toISOString()}`,
      { method: "POST" },
    );
    expect(check.status).toBe(200);
    expect(check.body.anomalies).toHaveLength(2);
    expect(check.body.anomalies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ workflowId: workflows["Dropped orders"], kind: "volume_drop", observed: 2, expected: 30, summary: "2 runs in the hour where the same hour of earlier weeks had 30 (median of 4 weeks)" }),
        expect.objectContaining({ workflowId: workflows["Slow orders"], kind: "slow_runs", observed: 4000, expected: 120 }),
      ]),
    );
    await waitFor(async () => api.count("/anomaly-alert") >= 1, { what: "the anomaly alert" });
    const alert = JSON.parse(api.requests.find((r) => r.path === "/anomaly-alert")!.body);
    expect(alert).toMatchObject({ type: "workflow.anomaly", workflow: { id: workflows["Dropped orders"], name: "Dropped orders" }, anomaly: { kind: "volume_drop", observed: 2, expected: 30 } });
    expect(alert.text).toContain("fewer runs than usual");

    // The same hour again (another pass, another process) finds it recorded: no second alert.
    expect((await server.api<{ anomalies: unknown[] }>(`/api/runs/anomalies?hour=${new Date(hour).toISOString()}`, { method: "POST" })).body.anomalies).toEqual([]);
    expect(api.count("/anomaly-alert")).toBe(1);
    const listed = await server.api<{ anomalies: { workflowName: string; kind: string }[] }>("/api/runs/anomalies?days=1");
    expect(listed.body.anomalies).toHaveLength(2);
    expect(listed.body.anomalies).toEqual(
      expect.arrayContaining([expect.objectContaining({ workflowName: "Dropped orders", kind: "volume_drop" }), expect.objectContaining({ workflowName: "Slow orders", kind: "slow_runs" })]),
    );
    expect((await server.api<{ anomalies: unknown[] }>("/api/runs/stats?period=24h")).body.anomalies).toHaveLength(2);

    expect((await server.api(`/api/runs/anomalies?hour=${new Date(hour + 30 * 60_000).toISOString()}`, { method: "POST" })).body).toMatchObject({ issues: [expect.objectContaining({ path: "hour" })] });
    expect((await server.api("/api/runs/anomalies?hour=2999-01-01T00:00:00Z", { method: "POST" })).status).toBe(400);
    expect((await server.api("/api/runs/anomalies?days=0")).status).toBe(400);
  });
});
