import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { sql, stamp } from "../support/sql";
import { chain, createWorkflow, startManualRun, waitForRun } from "../support/workflows";

/** A parsed Prometheus text exposition: samples by `name{labels}`, and each family's TYPE. */
interface Exposition {
  types: Map<string, string>;
  samples: { name: string; labels: Record<string, string>; value: number }[];
}

/** A strict reader of the Prometheus text format (0.0.4): every line is a comment, blank, or a valid sample. */
function parsePrometheus(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Exposition["samples"] = [];
  const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
  for (const [index, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    const comment = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (comment) {
      if (!NAME.test(comment[2])) throw new Error(`line ${index + 1}: bad metric name ${comment[2]}`);
      if (comment[1] === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(comment[3])) throw new Error(`line ${index + 1}: bad type ${comment[3]}`);
        types.set(comment[2], comment[3]);
      }
      continue;
    }
    if (line.startsWith("#")) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( \d+)?$/.exec(line);
    if (!sample) throw new Error(`line ${index + 1} is not a sample: ${line}`);
    const labels: Record<string, string> = {};
    if (sample[3]) {
      const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
      let consumed = 0;
      for (let match = labelPattern.exec(sample[3]); match; match = labelPattern.exec(sample[3])) {
        labels[match[1]] = match[2].replace(/\\(.)/g, (_, c) => (c === "n" ? "\n" : c));
        consumed = labelPattern.lastIndex;
      }
      if (consumed !== sample[3].length) throw new Error(`line ${index + 1}: bad labels ${sample[3]}`);
    }
    // Prometheus reads values with Go's ParseFloat: Inf and NaN in any letter case (prom-client writes "Nan").
    const special: Record<string, number> = { "+inf": Infinity, inf: Infinity, "-inf": -Infinity, nan: NaN };
    const raw = sample[4].toLowerCase();
    const value = raw in special ? special[raw] : Number(sample[4]);
    if (Number.isNaN(value) && raw !== "nan") throw new Error(`line ${index + 1}: bad value ${sample[4]}`);
    samples.push({ name: sample[1], labels, value });
  }
  return { types, samples };
}

function value(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

describe.each(DATABASES)("health on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;

  beforeAll(async () => {
    api = await startLocalApi();
    server = await startTestServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  const scrape = async () => {
    const response = await fetch(`${server.url}/api/metrics`, { headers: server.authHeaders });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    return parsePrometheus(await response.text());
  };

  it("exposes Prometheus metrics whose counters move with runs, retries and webhook calls", async () => {
    let calls = 0;
    api.setHandler("/hl-flaky", (_req, res) => (++calls === 1 ? json(res, 503, {}) : json(res, 200, { ok: true })));
    const { id, webhookUrl } = await createWorkflow(
      server,
      chain("Metered", [
        { id: "hook", type: "trigger.webhook", config: {} },
        { id: "call", type: "action.http", config: { method: "POST", url: `${api.url}/hl-flaky` }, settings: { retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 50 } } },
      ]),
    );
    const before = await scrape();
    expect(before.types.get("switchboard_runs_total")).toBe("counter");
    expect(before.types.get("switchboard_step_duration_seconds")).toBe("histogram");
    expect(before.types.get("switchboard_webhook_deliveries_total")).toBe("counter");
    expect(before.types.get("switchboard_engine_queue_depth")).toBe("gauge");
    expect(before.types.get("switchboard_step_retries_total")).toBe("counter");
    expect(before.types.get("switchboard_failed_runs_awaiting_replay")).toBe("gauge");

    const response = await fetch(webhookUrl!, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    expect((await waitForRun(server, runId)).status).toBe("completed");
    expect((await fetch(`${server.url}/api/hooks/not-a-token`, { method: "POST" })).status).toBe(404);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(delta("switchboard_runs_total", { workflow_id: id, status: "queued" })).toBe(1);
    expect(delta("switchboard_runs_total", { workflow_id: id, status: "running" })).toBe(1);
    expect(delta("switchboard_runs_total", { workflow_id: id, status: "completed" })).toBe(1);
    expect(delta("switchboard_webhook_deliveries_total", { outcome: "accepted" })).toBe(1);
    expect(delta("switchboard_webhook_deliveries_total", { outcome: "rejected" })).toBe(1);
    expect(delta("switchboard_step_retries_total", { node_type: "action.http" })).toBe(1);
    expect(delta("switchboard_step_duration_seconds_count", { node_type: "action.http", outcome: "completed" })).toBe(1);
    expect(delta("switchboard_step_duration_seconds_count", { node_type: "action.http", outcome: "retrying" })).toBe(1);
    expect(value(after, "switchboard_workflow_info", { workflow_id: id, name: "Metered" })).toBe(1);
  });

  it("deletes only finished runs older than the retention setting, with their steps", async () => {
    const { id } = await createWorkflow(
      server,
      chain("Retained", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "shape", type: "transform.map", config: { expression: "trigger" } },
      ]),
    );
    const runIds: string[] = [];
    for (let i = 0; i < 4; i++) runIds.push((await waitForRun(server, await startManualRun(server, id, { i }))).id);
    const [ancient, old, recent, fresh] = runIds;
    const daysAgo = (days: number) => stamp(server.database, new Date(Date.now() - days * 24 * 60 * 60 * 1000));
    await sql(server.database, `UPDATE "Run" SET "endedAt" = $1 WHERE "id" = $2`, [daysAgo(400), ancient]);
    await sql(server.database, `UPDATE "Run" SET "endedAt" = $1 WHERE "id" = $2`, [daysAgo(31), old]);
    await sql(server.database, `UPDATE "Run" SET "endedAt" = $1 WHERE "id" = $2`, [daysAgo(29), recent]);
    // Webhook dedup keys outlive the one-day idempotency window, up to the longest window a trigger may set (30 days).
    const keys: [string, number][] = [["webhook:wf_retained", 2], ["webhook:wf_expired", 31], ["run:wf_retained", 2]];
    for (const [scope, days] of keys) await sql(server.database, `INSERT INTO "IdempotencyRecord" ("scope", "key", "result", "createdAt") VALUES ($1, 'k', '{}', $2)`, [scope, daysAgo(days)]);

    expect((await server.api("/api/settings", { method: "PUT", body: { retentionDays: 0 } })).status).toBe(400);
    expect((await server.api("/api/settings")).body).toMatchObject({ settings: { retentionDays: 30 }, defaults: { retentionDays: 30 } });
    const pass = await server.api<{ deletedRuns: number; retentionDays: number }>("/api/settings/retention", { method: "POST" });
    expect(pass.status).toBe(200);
    expect(pass.body).toMatchObject({ retentionDays: 30, deletedRuns: 2 });
    for (const gone of [ancient, old]) {
      expect((await server.api(`/api/runs/${gone}`)).status).toBe(404);
      expect(await sql(server.database, `SELECT COUNT(*) AS n FROM "StepRun" WHERE "runId" = $1`, [gone])).toEqual([{ n: kind === "sqlite" ? 0 : "0" }]);
      expect(await sql(server.database, `SELECT COUNT(*) AS n FROM "StepAttempt" WHERE "runId" = $1`, [gone])).toEqual([{ n: kind === "sqlite" ? 0 : "0" }]);
    }
    for (const kept of [recent, fresh]) expect((await server.api(`/api/runs/${kept}`)).status).toBe(200);
    const scopes = await sql(server.database, `SELECT "scope" FROM "IdempotencyRecord" WHERE "key" = 'k'`);
    expect(scopes.map((row) => row.scope)).toEqual(["webhook:wf_retained"]);

    // A shorter setting takes the 29-day-old run too, and nothing newer.
    expect((await server.api("/api/settings", { method: "PUT", body: { retentionDays: 7 } })).body).toMatchObject({ settings: { retentionDays: 7 } });
    expect((await server.api<{ deletedRuns: number }>("/api/settings/retention", { method: "POST" })).body.deletedRuns).toBe(1);
    expect((await server.api(`/api/runs/${recent}`)).status).toBe(404);
    expect((await server.api(`/api/runs/${fresh}`)).status).toBe(200);
    if (kind === "sqlite") expect(await sql(server.database, "PRAGMA auto_vacuum")).toEqual([{ auto_vacuum: 2 }]);
  });

  it("filters the runs list by status, trigger kind, time range and payload text, paging by cursor", async () => {
    api.setHandler("/hl-orders", (req, res) => (JSON.parse(req.body).orderId === "B-2002" ? json(res, 400, { error: "bad order" }) : json(res, 200, { ok: true })));
    const { id, webhookUrl } = await createWorkflow(
      server,
      chain("Orders", [
        { id: "hook", type: "trigger.webhook", config: {} },
        { id: "send", type: "action.http", config: { method: "POST", url: `${api.url}/hl-orders`, body: { orderId: "{{ trigger.body.orderId }}" } } },
      ]),
    );
    const runIds: string[] = [];
    for (const orderId of ["B-1001", "B-2002", "B-3003"]) {
      const response = await fetch(webhookUrl!, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ orderId }) });
      runIds.push(((await response.json()) as { runId: string }).runId);
    }
    const manual = await startManualRun(server, id, { body: { orderId: "B-4004" } });
    for (const runId of [...runIds, manual]) await waitForRun(server, runId);

    type Page = { runs: { id: string; status: string; triggerKind: string; attempts: { total: number } }[]; nextCursor: string | null };
    const list = async (query: string) => {
      const res = await server.api<Page>(`/api/runs?workflowId=${id}&${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    expect((await list("q=b-2002")).runs.map((r) => r.id)).toEqual([runIds[1]]);
    expect((await list("q=B-2002&status=failed")).runs.map((r) => r.id)).toEqual([runIds[1]]);
    expect((await list("q=B-2002&status=completed")).runs).toEqual([]);
    expect((await list("q=100%25")).runs).toEqual([]);
    expect((await list("triggerKind=manual")).runs.map((r) => r.id)).toEqual([manual]);
    expect((await list("triggerKind=webhook")).runs.map((r) => r.id)).toEqual([...runIds].reverse());
    expect((await list("status=failed")).runs.map((r) => r.id)).toEqual([runIds[1]]);
    expect((await list("")).runs[0].attempts.total).toBe(2);

    const future = new Date(Date.now() + 60_000).toISOString();
    const past = new Date(Date.now() - 60 * 60_000).toISOString();
    expect((await list(`from=${encodeURIComponent(future)}`)).runs).toEqual([]);
    expect((await list(`from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`)).runs).toHaveLength(4);
    expect((await list(`to=${encodeURIComponent(past)}`)).runs).toEqual([]);

    const first = await list("limit=3");
    expect(first.runs).toHaveLength(3);
    const second = await list(`limit=3&cursor=${first.nextCursor}`);
    expect([...first.runs, ...second.runs].map((r) => r.id)).toEqual([manual, ...[...runIds].reverse()]);
    expect(second.nextCursor).toBeNull();

    const invalid = await server.api<{ issues: { path: string }[] }>("/api/runs?triggerKind=fax&from=yesterday");
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues.map((i) => i.path).sort()).toEqual(["from", "triggerKind"]);
  });

  it("answers the dashboard's numbers, the run's workflow version and large values in full", async () => {
    const { id } = await createWorkflow(
      server,
      chain("Big output", [
        { id: "start", type: "trigger.manual", config: {} },
        { id: "blow_up", type: "transform.map", config: { expression: '$map([1..3000], function($i) { { "i": $i, "text": "lorem ipsum dolor sit amet" } })' } },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("completed");
    const output = run.steps.find((s) => s.nodeId === "blow_up")!.output as { $truncated: boolean; bytes: number; download: string; preview: unknown[] };
    expect(output).toMatchObject({ $truncated: true, download: `/api/runs/${run.id}/value?path=steps.blow_up.output` });
    expect(output.bytes).toBeGreaterThan(64 * 1024);
    expect(output.preview.length).toBeLessThan(100);
    const full = await fetch(`${server.url}${output.download}`, { headers: server.authHeaders });
    expect(full.headers.get("content-disposition")).toContain("attachment");
    expect(((await full.json()) as unknown[]).length).toBe(3000);
    expect((await server.api(`/api/runs/${run.id}/value?path=steps.nope`)).status).toBe(400);

    const version = await server.api<{ version: number; document: { name: string } }>(`/api/workflows/${id}/versions/1`);
    expect(version.body).toMatchObject({ version: 1, document: { name: "Big output" } });
    expect((await server.api(`/api/workflows/${id}/versions/9`)).status).toBe(404);
    expect((await server.api(`/api/workflows/${id}/versions/x`)).status).toBe(400);

    const stats = await server.api<{ totals: { runs: number; completed: number }; workflows: { workflowId: string; runs: number; successRate: number; p50Ms: number; p95Ms: number }[]; series: { completed: number }[] }>(
      "/api/runs/stats?period=1h",
    );
    expect(stats.status).toBe(200);
    const mine = stats.body.workflows.find((w) => w.workflowId === id)!;
    expect(mine).toMatchObject({ runs: 1, successRate: 1 });
    expect(mine.p95Ms).toBeGreaterThanOrEqual(mine.p50Ms);
    expect(stats.body.series.reduce((sum, b) => sum + b.completed, 0)).toBe(stats.body.totals.completed);
    expect(stats.body.series).toHaveLength(61);
    expect((await server.api("/api/runs/stats?period=2y")).status).toBe(400);
  });
});
