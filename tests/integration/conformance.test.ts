import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { sql } from "../support/sql";
import { waitFor } from "../support/wait";
import { createWorkflow, getRun, graph, listRuns, sendEvent, startManualRun, step, waitForRun } from "../support/workflows";

/**
 * Execution semantics every engine must give. Runs against the embedded engine by default;
 * CONFORMANCE_INNGEST_URL=<url> runs the same scenarios on an external Inngest server.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const trigger = { id: "start", type: "trigger.manual" };
/** Thousands of steps one after another take a while on a loaded 2-core machine. */
const LOOP_RUN_MS = 8 * 60_000;

describe.each(DATABASES)("engine conformance on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;

  beforeAll(async () => {
    api = await startLocalApi({
      "/slow": async (_req, res) => {
        await sleep(400);
        json(res, 200, { ok: true });
      },
      "/fail": (_req, res) => json(res, 500, { error: "boom" }),
    });
    server = await startTestServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("runs independent branches in parallel and joins once after both", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Parallel",
        [
          trigger,
          { id: "left", type: "action.http", config: { url: `${api.url}/pair?side=left` } },
          { id: "right", type: "action.http", config: { url: `${api.url}/pair?side=right` } },
          { id: "join", type: "flow.merge", config: { mode: "object" } },
        ],
        ["start->left", "start->right", "left->join", "right->join"],
      ),
    );
    // Each side is answered once both have arrived (or after 20 s): parallel branches overlap
    // however slowly the machine starts them; sequential ones do not.
    const arrived = new Set<string>();
    api.setHandler("/pair", async (req, res) => {
      arrived.add(new URL(req.url, api.url).searchParams.get("side")!);
      await waitFor(async () => arrived.size === 2, { timeoutMs: 20_000, intervalMs: 20 }).catch(() => undefined);
      json(res, 200, { ok: true });
    });
    const before = api.requests.length;
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("completed");
    const [a, b] = api.requests.slice(before).filter((r) => r.path === "/pair");
    // Both calls were in flight at the same time (one may arrive in the millisecond the other is answered; sequential calls would be 20 s apart).
    expect(a.startedAt).toBeLessThanOrEqual(b.endedAt);
    expect(b.startedAt).toBeLessThanOrEqual(a.endedAt);
    expect(Object.keys(step(run, "join").output as object).sort()).toEqual(["left", "right"]);
    expect(step(run, "join").attempts).toBe(1);
    if (!process.env.CONFORMANCE_INNGEST_URL) {
      // As on Inngest, a run that planned parallel steps stays in planned mode: no inline execution after.
      const runEvent = kind === "sqlite" ? `json_extract("event", '$.data.runId')` : `"event"->'data'->>'runId'`;
      const [engineRun] = await sql(server.database, `SELECT "planned" FROM "EngineRun" WHERE ${runEvent} = $1`, [run.id]);
      expect(Boolean(engineRun?.planned)).toBe(true);
    }
  });

  it("runs a join after the taken branch when the other branch was not taken", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Join after if",
        [
          trigger,
          { id: "check", type: "flow.if", config: { condition: "trigger.big = true" } },
          { id: "yes", type: "transform.map", config: { expression: "'big'" } },
          { id: "no", type: "transform.map", config: { expression: "'small'" } },
          { id: "after", type: "flow.merge", config: { mode: "concat" } },
        ],
        ["start->check", "check:true->yes", "check:false->no", "yes->after", "no->after"],
      ),
    );
    const run = await waitForRun(server, await startManualRun(server, id, { big: false }));
    expect(run.status).toBe("completed");
    expect(step(run, "yes").status).toBe("skipped");
    expect(step(run, "after")).toMatchObject({ status: "completed", output: ["small"] });
  });

  it("routes flow.switch to the matching case, else to default", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Switch",
        [
          trigger,
          { id: "route", type: "flow.switch", config: { cases: [{ output: "eu", condition: "trigger.region = 'EU'" }, { output: "us", condition: "trigger.region = 'US'" }] } },
          { id: "eu", type: "transform.map", config: { expression: "'eu'" } },
          { id: "us", type: "transform.map", config: { expression: "'us'" } },
          { id: "other", type: "transform.map", config: { expression: "'other'" } },
        ],
        ["start->route", "route:eu->eu", "route:us->us", "route:default->other"],
      ),
    );
    const us = await waitForRun(server, await startManualRun(server, id, { region: "US" }));
    expect(us.steps.filter((s) => s.status === "completed").map((s) => s.nodeId).sort()).toEqual(["route", "start", "us"]);
    const elsewhere = await waitForRun(server, await startManualRun(server, id, { region: "APAC" }));
    expect(step(elsewhere, "other").status).toBe("completed");
    expect(step(elsewhere, "eu").status).toBe("skipped");
  });

  it("honours a 429's Retry-After before the next attempt", async () => {
    let calls = 0;
    api.setHandler("/limited", (_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(429, { "retry-after": "2", "content-type": "application/json" });
        res.end("{}");
      } else json(res, 200, { ok: true });
    });
    const { id } = await createWorkflow(
      server,
      graph("Rate limited", [trigger, { id: "call", type: "action.http", config: { url: `${api.url}/limited` }, settings: { retry: { initialDelayMs: 100, backoff: "fixed" } } }], ["start->call"]),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(step(run, "call")).toMatchObject({ status: "completed", attempts: 2 });
    const [first, second] = api.requests.filter((r) => r.path === "/limited");
    expect(second.startedAt - first.endedAt).toBeGreaterThanOrEqual(1900);
  });

  it("does not retry a step whose expression fails", async () => {
    const { id } = await createWorkflow(
      server,
      graph("Bad expression", [trigger, { id: "shape", type: "transform.map", config: { expression: "$number('not a number')" }, settings: { retry: { maxAttempts: 5 } } }], ["start->shape"]),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("failed");
    expect(step(run, "shape")).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("fails a step that exceeds its timeout, retrying it per its policy", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Too slow",
        [trigger, { id: "call", type: "action.http", config: { url: `${api.url}/slow` }, settings: { timeoutMs: 100, retry: { maxAttempts: 2, initialDelayMs: 100 } } }],
        ["start->call"],
      ),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("failed");
    expect(step(run, "call")).toMatchObject({ status: "failed", attempts: 2 });
    expect(step(run, "call").error!.message).toMatch(/timed out after 100 ms/);
  });

  it("onError continue: the output becomes { error } and the run goes on", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Continue",
        [
          trigger,
          { id: "call", type: "action.http", config: { url: `${api.url}/fail` }, settings: { onError: "continue", retry: { maxAttempts: 1 } } },
          { id: "after", type: "transform.map", config: { expression: "input.error.message" } },
        ],
        ["start->call", "call->after"],
      ),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("completed");
    expect(step(run, "call").status).toBe("failed");
    expect(step(run, "after").output).toMatch(/answered 500/);
  });

  it("onError branch: the run follows the error output", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Branch on error",
        [
          trigger,
          { id: "call", type: "action.http", config: { url: `${api.url}/fail` }, settings: { onError: "branch", retry: { maxAttempts: 1 } } },
          { id: "ok", type: "transform.map", config: { expression: "'ok'" } },
          { id: "handle", type: "transform.map", config: { expression: "'handled: ' & input.error.message" } },
        ],
        ["start->call", "call->ok", "call:error->handle"],
      ),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("completed");
    expect(step(run, "ok").status).toBe("skipped");
    expect(step(run, "handle").output).toMatch(/^handled: /);
  });

  it("starts the failure workflow with the failed run's details", async () => {
    const handler = await createWorkflow(server, graph("On failure", [trigger, { id: "note", type: "transform.map", config: { expression: "trigger.failedRun.error.message" } }], ["start->note"]));
    const { id } = await createWorkflow(
      server,
      graph("Fails", [trigger, { id: "call", type: "action.http", config: { url: `${api.url}/fail` }, settings: { retry: { maxAttempts: 1 } } }], ["start->call"], {
        failureWorkflowId: handler.id,
      }),
    );
    const failed = await waitForRun(server, await startManualRun(server, id));
    expect(failed.status).toBe("failed");
    const [notice] = await waitFor(async () => {
      const runs = await listRuns(server, handler.id);
      return runs.length && runs[0].status === "completed" ? runs : undefined;
    });
    expect(notice.triggerKind).toBe("failure");
    const detail = await getRun(server, notice.id);
    expect(step(detail, "start").output).toMatchObject({ failedRun: { id: failed.id, workflowId: id, error: { nodeId: "call" } } });
    expect(step(detail, "note").output).toMatch(/answered 500/);
  });

  it("limits concurrent runs of a workflow; the rest queue and all complete", async () => {
    let inFlight = 0;
    let peak = 0;
    api.setHandler("/gate", async (_req, res) => {
      peak = Math.max(peak, ++inFlight);
      // Held until a second call is in flight (or 5 s; the last call may have none): two slots overlap however slowly runs start.
      await waitFor(async () => inFlight >= 2, { timeoutMs: 5000, intervalMs: 20 }).catch(() => undefined);
      await sleep(300);
      inFlight--;
      json(res, 200, { ok: true });
    });
    const { id } = await createWorkflow(server, graph("Limited", [trigger, { id: "call", type: "action.http", config: { url: `${api.url}/gate` } }], ["start->call"], { concurrency: 2 }));
    const runIds = await Promise.all(Array.from({ length: 6 }, () => startManualRun(server, id)));
    const queuedSeen = await waitFor(async () => ((await listRuns(server, id)).some((r) => r.status === "queued") ? true : undefined), { timeoutMs: 10_000 }).catch(() => false);
    const runs = await Promise.all(runIds.map((runId) => waitForRun(server, runId)));
    expect(runs.map((r) => r.status)).toEqual(Array(6).fill("completed"));
    expect(peak).toBe(2);
    expect(queuedSeen).toBe(true);
  });

  it("fails a run that exceeds the workflow's time limit, even while sleeping", async () => {
    const { id } = await createWorkflow(
      server,
      graph("Deadline", [trigger, { id: "wait", type: "flow.delay", config: { duration: "1m" } }, { id: "after", type: "transform.map", config: { expression: "1" } }], ["start->wait", "wait->after"], {
        timeoutMs: 1500,
      }),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("failed");
    expect(run.error!.message).toMatch(/time limit of 1500 ms/);
    expect(run.steps.find((s) => s.nodeId === "after")).toBeUndefined();
  });

  it("sleeps until a timestamp taken from an expression", async () => {
    const { id } = await createWorkflow(server, graph("Until", [trigger, { id: "wait", type: "flow.delay", config: { until: "{{ trigger.at }}" } }], ["start->wait"]));
    const at = new Date(Date.now() + 1500).toISOString();
    const run = await waitForRun(server, await startManualRun(server, id, { at }));
    expect(run.status).toBe("completed");
    expect(step(run, "wait").output).toEqual({ sleptUntil: at });
    expect(Date.parse(step(run, "wait").endedAt!)).toBeGreaterThanOrEqual(Date.parse(at));
  });

  it("waits for a matching event; its data is the output, another order's event does not resume it", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Await payment",
        [
          trigger,
          { id: "paid", type: "flow.wait-for-event", config: { event: "order.paid", matchField: "data.orderId", matchValue: "{{ trigger.orderId }}", timeout: "1m" } },
          { id: "thanks", type: "transform.map", config: { expression: "'paid ' & input.amount" } },
          { id: "late", type: "transform.map", config: { expression: "'timeout'" } },
        ],
        ["start->paid", "paid->thanks", "paid:timeout->late"],
      ),
    );
    const first = await startManualRun(server, id, { orderId: "A-1" });
    const second = await startManualRun(server, id, { orderId: "B-2" });
    for (const runId of [first, second]) await waitFor(async () => (await getRun(server, runId)).steps.find((s) => s.nodeId === "paid" && s.status === "waiting"));
    expect((await sendEvent(server, { name: "order.paid", data: { orderId: "A-1", amount: 42 } })).status).toBe(202);
    const done = await waitForRun(server, first);
    expect(step(done, "paid").output).toEqual({ orderId: "A-1", amount: 42 });
    expect(step(done, "thanks").output).toBe("paid 42");
    expect((await getRun(server, second)).status).toBe("running");
    await server.api(`/api/runs/${second}/cancel`, { method: "POST" });
  });

  it("fails a wait whose match value neither engine compares the same way, instead of waiting until the timeout", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Match on an object",
        [trigger, { id: "paid", type: "flow.wait-for-event", config: { event: "order.paid", matchField: "data.order", matchValue: "{{ trigger.order }}", timeout: "1h" } }],
        ["start->paid"],
      ),
    );
    const run = await waitForRun(server, await startManualRun(server, id, { order: { id: "A-1" } }));
    expect(run.status).toBe("failed");
    expect(step(run, "paid").error?.message).toBe("Match value must be text, a number, true/false or empty, not an object");
  });

  it("follows the timeout output when no event comes", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Gives up",
        [
          trigger,
          { id: "paid", type: "flow.wait-for-event", config: { event: "order.never", timeout: "1s" } },
          { id: "thanks", type: "transform.map", config: { expression: "'paid'" } },
          { id: "late", type: "transform.map", config: { expression: "'timeout'" } },
        ],
        ["start->paid", "paid->thanks", "paid:timeout->late"],
      ),
    );
    const run = await waitForRun(server, await startManualRun(server, id));
    expect(run.status).toBe("completed");
    expect(step(run, "thanks").status).toBe("skipped");
    expect(step(run, "late").output).toBe("timeout");
  });

  it("cancels a sleeping run at once; it starts no further step", async () => {
    const { id } = await createWorkflow(
      server,
      graph("Cancel me", [trigger, { id: "wait", type: "flow.delay", config: { duration: "6s" } }, { id: "after", type: "action.http", config: { url: `${api.url}/after-cancel` } }], [
        "start->wait",
        "wait->after",
      ]),
    );
    const runId = await startManualRun(server, id);
    const sleeping = await waitFor(async () => (await getRun(server, runId)).steps.find((s) => s.nodeId === "wait" && s.status === "sleeping"));
    const cancel = await server.api(`/api/runs/${runId}/cancel`, { method: "POST" });
    expect(cancel).toEqual({ status: 200, body: { id: runId, status: "cancelled" } });
    const run = await getRun(server, runId);
    expect(run.status).toBe("cancelled");
    expect(step(run, "wait").status).toBe("cancelled");
    // Past the time the sleep would have ended: nothing woke it.
    await sleep(Date.parse((sleeping.output as { wakeAt: string }).wakeAt) + 2000 - Date.now());
    expect(api.count("/after-cancel")).toBe(0);
    expect((await getRun(server, runId)).status).toBe("cancelled");
    expect((await server.api(`/api/runs/${runId}/cancel`, { method: "POST" })).status).toBe(409);
  });

  it("starts one run per Idempotency-Key and one delivery per event id", async () => {
    const { id } = await createWorkflow(server, graph("Once", [trigger], []));
    const headers = { "idempotency-key": "order-77" };
    const first = await server.api<{ runId: string }>(`/api/workflows/${id}/runs`, { body: { payload: { n: 1 } }, headers });
    const again = await server.api<{ runId: string; duplicate: boolean }>(`/api/workflows/${id}/runs`, { body: { payload: { n: 2 } }, headers });
    expect(first.status).toBe(202);
    expect(again).toEqual({ status: 200, body: { runId: first.body.runId, duplicate: true } });
    expect(await listRuns(server, id)).toHaveLength(1);

    const event = { name: "invoice.sent", id: "inv-1", data: { n: 1 } };
    expect((await sendEvent(server, event)).body).toMatchObject({ id: "inv-1", duplicate: false });
    expect(await sendEvent(server, event)).toMatchObject({ status: 200, body: { id: "inv-1", duplicate: true } });
  });

  it("refuses events with reserved names and bad fields, naming the field", async () => {
    const reserved = await sendEvent(server, { name: "switchboard/run.cancelled", data: {} });
    expect(reserved.status).toBe(400);
    expect(reserved.body).toMatchObject({ issues: [{ path: "name" }] });
    const badData = await server.api("/api/events", { body: { name: "x.y", data: [1, 2] } });
    expect(badData).toMatchObject({ status: 400, body: { issues: [{ path: "data" }] } });
  });
  it("runs a 10,000-item split (in batches of 5) in chunk runs inside the step limit: every item once, collected in order", async () => {
    // 2,000 iterations: a step each would be twice Inngest's limit per run. (Items one by one take the same path, five times the steps.)
    const { id } = await createWorkflow(
      server,
      graph(
        "Ten thousand items",
        [
          trigger,
          { id: "label", type: "transform.map", config: { expression: "'outer'" } },
          { id: "each", type: "transform.split", config: { items: "[1..10000]", mode: "batch", batchSize: 5 } },
          { id: "double", type: "transform.map", config: { expression: '{ "n": input.($ * 2), "at": loop.index, "of": loop.count, "label": steps.label }' } },
          { id: "all", type: "flow.merge", config: { mode: "concat" } },
          { id: "sum", type: "transform.map", config: { expression: "$sum(steps.double.n)" } },
        ],
        ["start->label", "label->each", "each->double", "double->all", "all->sum"],
      ),
    );
    const run = await waitForRun(server, await startManualRun(server, id), undefined, LOOP_RUN_MS);
    expect(run.error).toBeNull();
    expect(run.status).toBe("completed");
    expect(step(run, "sum").output).toBe(10000 * 10001);
    // The run's page cuts a value this large down; its download gives it whole.
    const collected = (await server.api<{ n: number[]; at: number; of: number; label: string }[]>(`/api/runs/${run.id}/value?path=steps.all.output`)).body;
    const batch = (i: number) => [1, 2, 3, 4, 5].map((k) => (5 * i + k) * 2);
    expect(collected).toEqual(Array.from({ length: 2000 }, (_, i) => ({ n: batch(i), at: i, of: 2000, label: "outer" })));
    const { chunks } = (await server.api<{ chunks: { id: string; status: string; splitId: string; first: number; count: number }[] }>(`/api/runs/${run.id}`)).body;
    expect(chunks).toHaveLength(10);
    expect(chunks.every((c) => c.status === "completed" && c.splitId === "each" && c.count === 200)).toBe(true);
    expect(chunks.map((c) => c.first)).toEqual(Array.from({ length: 10 }, (_, i) => i * 200));
    const last = await getRun(server, chunks[9].id);
    expect(last.steps.filter((s) => s.nodeId.startsWith("double#"))).toHaveLength(200);
    expect(step(last, "double#1999").output).toEqual({ n: batch(1999), at: 1999, of: 2000, label: "outer" });
    expect((await server.api<{ chunkOf: unknown }>(`/api/runs/${last.id}`)).body.chunkOf).toEqual({ parentRunId: run.id, splitId: "each", first: 1800, count: 200 });
    // A chunk is replayed with its run, not on its own.
    expect((await server.api(`/api/runs/${last.id}/rerun`, { method: "POST" })).status).toBe(409);
  }, LOOP_RUN_MS);

  it("runs at most 8 chunk runs of a loop at a time, the next as one ends, every item once", async () => {
    const calls: { n: number; run: string; startedAt: number; endedAt: number }[] = [];
    api.setHandler("/chunk-item", async (req, res) => {
      const call = { ...(JSON.parse(req.body) as { n: number; run: string }), startedAt: performance.now(), endedAt: Infinity };
      calls.push(call);
      // Long enough that every chunk handed to the engine is seen calling at the same time.
      await sleep(5);
      call.endedAt = performance.now();
      json(res, 200, { ok: true });
    });
    const { id } = await createWorkflow(
      server,
      graph(
        "Ten chunks of calls",
        [
          trigger,
          { id: "each", type: "transform.split", config: { items: "[0..1999]" } },
          { id: "call", type: "action.http", config: { method: "POST", url: `${api.url}/chunk-item`, body: { n: "{{ input }}", run: "{{ run.id }}" } } },
          { id: "all", type: "flow.merge", config: { mode: "concat" } },
        ],
        ["start->each", "each->call", "call->all"],
      ),
    );
    const run = await waitForRun(server, await startManualRun(server, id), undefined, LOOP_RUN_MS);
    expect(run.error).toBeNull();
    expect(run.status).toBe("completed");
    const { chunks } = (await server.api<{ chunks: { id: string; status: string }[] }>(`/api/runs/${run.id}`)).body;
    expect(chunks).toHaveLength(10);
    expect(calls.map((c) => c.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    // The chunk runs calling at the moment each call started: a chunk calls for one item after the other.
    const inFlight = calls.map((call) => new Set(calls.filter((other) => other.startedAt <= call.startedAt && call.startedAt < other.endedAt).map((other) => other.run)).size);
    expect(Math.max(...inFlight)).toBeLessThanOrEqual(8);
    expect(Math.max(...inFlight)).toBeGreaterThan(1);
  }, LOOP_RUN_MS);

  it("fails a large loop's run naming the failed item; a replay runs only the items that did not complete", async () => {
    let failing = true;
    const answered = new Set<number>();
    const called: number[] = [];
    api.setHandler("/loop-item", (req, res) => {
      const n = JSON.parse(req.body).n as number;
      called.push(n);
      if (failing && n === 477) return json(res, 400, { error: "item 477 is malformed" });
      answered.add(n);
      json(res, 200, { n });
    });
    const { id } = await createWorkflow(
      server,
      graph(
        "Six hundred calls",
        [
          trigger,
          { id: "each", type: "transform.split", config: { items: "[0..599]" } },
          { id: "call", type: "action.http", config: { method: "POST", url: `${api.url}/loop-item`, body: { n: "{{ input }}" } } },
          { id: "all", type: "flow.merge", config: { mode: "concat" } },
          { id: "count", type: "transform.map", config: { expression: "$count(steps.call)" } },
        ],
        ["start->each", "each->call", "call->all", "all->count"],
      ),
    );
    const failed = await waitForRun(server, await startManualRun(server, id), undefined, LOOP_RUN_MS);
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toMatch(/^Loop “each”: item 477 failed at “call” in chunk run \S+: .*400/);
    expect((failed.error as { nodeId?: string }).nodeId).toBe("call");
    expect(called.filter((n) => n === 477)).toHaveLength(1);
    // The failed chunk is not a second entry in the failed-runs queue: its run is the one to replay.
    const queue = await server.api<{ total: number }>(`/api/runs/failed?workflowId=${id}`);
    expect(queue.body.total).toBe(1);
    expect(JSON.stringify(queue.body)).toContain(failed.id);

    failing = false;
    const completedBefore = new Set(answered);
    const callsBefore = called.length;
    const replay = await server.api<{ runId: string }>(`/api/runs/${failed.id}/replay`, { method: "POST" });
    expect(replay.status).toBe(202);
    const run = await waitForRun(server, replay.body.runId, undefined, LOOP_RUN_MS);
    expect(run.error).toBeNull();
    expect(run.status).toBe("completed");
    expect(step(run, "count").output).toBe(600);
    const again = called.slice(callsBefore);
    expect(again).toContain(477);
    expect(again.filter((n) => completedBefore.has(n))).toEqual([]);
    expect(new Set([...completedBefore, ...again]).size).toBe(600);
  }, 2 * LOOP_RUN_MS);

  it("gives a waiting run that has no cancel entries (started before an upgrade) its function's entries at app sync, so cancelling it stops it", async () => {
    // The embedded engine's upgrade path: a real Inngest server keeps its own cancellation state.
    if (process.env.CONFORMANCE_INNGEST_URL) return;
    const { id } = await createWorkflow(
      server,
      graph("Started before the upgrade", [trigger, { id: "wait", type: "flow.delay", config: { duration: "30s" } }, { id: "after", type: "action.http", config: { url: `${api.url}/after-upgrade` } }], ["start->wait", "wait->after"]),
    );
    const runId = await startManualRun(server, id);
    await waitFor(async () => (await getRun(server, runId)).steps.find((s) => s.nodeId === "wait" && s.status === "sleeping"));
    const runEvent = kind === "sqlite" ? `json_extract("event", '$.data.runId')` : `"event"->'data'->>'runId'`;
    const [engineRun] = await sql(server.database, `SELECT "id" FROM "EngineRun" WHERE ${runEvent} = $1`, [runId]);
    const entries = async () => Number((await sql(server.database, `SELECT COUNT(*) AS "n" FROM "EngineCancel" WHERE "runId" = $1`, [engineRun.id]))[0].n);
    expect(await entries()).toBeGreaterThan(0);
    await sql(server.database, `DELETE FROM "EngineCancel" WHERE "runId" = $1`, [engineRun.id]);
    // A restart syncs the app, as a deploy of the new version does.
    await server.terminate();
    await server.start();
    await waitFor(async () => (await entries()) > 0 || undefined);
    expect((await server.api(`/api/runs/${runId}/cancel`, { method: "POST" })).status).toBe(200);
    await waitFor(async () => (await sql(server.database, `SELECT "status" FROM "EngineRun" WHERE "id" = $1`, [engineRun.id]))[0].status === "cancelled" || undefined);
    expect(api.count("/after-upgrade")).toBe(0);
  }, 120_000);
});
