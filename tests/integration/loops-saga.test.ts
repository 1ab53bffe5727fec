import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { createWorkflow, graph, startManualRun, step, waitForRun } from "../support/workflows";

const ORDERS = [
  { id: "A", total: 120 },
  { id: "B", total: 30 },
  { id: "C", total: 75 },
  { id: "D", total: 10 },
  { id: "E", total: 5 },
];

describe.each(DATABASES)("loops and sagas in real runs (%s)", (kind) => {
  let server: TestServer;
  let api: LocalApi;

  beforeAll(async () => {
    api = await startLocalApi({
      "/charge": (req, res) => json(res, 200, { charged: JSON.parse(req.body).id }),
      "/reserve": (_req, res) => json(res, 200, { id: "res_1" }),
      "/pay": (_req, res) => json(res, 200, { id: "pay_1" }),
      "/ship": (_req, res) => json(res, 400, { error: "no courier today" }),
      "/echo": (req, res) => json(res, 200, { headers: req.headers }),
    });
    server = await startTestServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("runs the nodes after a split once per item, each its own step, and joins them in item order", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Charge each order",
        [
          { id: "start", type: "trigger.manual" },
          { id: "each", type: "transform.split", config: { items: "trigger.orders" } },
          { id: "charge", type: "action.http", config: { method: "POST", url: `${api.url}/charge`, body: { id: "{{ input.id }}" }, idempotencyKey: true } },
          { id: "label", type: "transform.map", config: { expression: '{ "id": steps.each.id, "charged": input.body.charged, "at": loop.index, "of": loop.count }' } },
          { id: "isBig", type: "flow.if", config: { condition: "steps.each.total > 50" } },
          { id: "big", type: "transform.map", config: { expression: "steps.each.id" } },
          { id: "small", type: "transform.map", config: { expression: "steps.each.id" } },
          { id: "labels", type: "flow.merge", config: { mode: "concat" } },
          { id: "sizes", type: "flow.merge", config: { mode: "object" } },
          { id: "count", type: "transform.map", config: { expression: "$count(steps.label)" } },
        ],
        ["start->each", "each->charge", "charge->label", "label->labels", "each->isBig", "isBig:true->big", "isBig:false->small", "big->sizes", "small->sizes", "labels->count"],
      ),
    );
    const before = api.count("/charge");
    const run = await waitForRun(server, await startManualRun(server, id, { orders: ORDERS.slice(0, 3) }));
    expect(run.error).toBeNull();
    expect(run.status).toBe("completed");
    expect(step(run, "each").output).toEqual(ORDERS.slice(0, 3));
    for (const [i, order] of ORDERS.slice(0, 3).entries()) {
      expect(step(run, `charge#${i}`).status).toBe("completed");
      expect(step(run, `label#${i}`).output).toEqual({ id: order.id, charged: order.id, at: i, of: 3 });
    }
    const charges = api.requests.slice(before).filter((r) => r.path === "/charge");
    expect(charges.map((r) => JSON.parse(r.body).id).sort()).toEqual(["A", "B", "C"]);
    expect(charges.map((r) => r.headers["idempotency-key"]).sort()).toEqual([`${run.id}:charge#0`, `${run.id}:charge#1`, `${run.id}:charge#2`]);
    expect(step(run, "labels").output).toEqual([0, 1, 2].map((i) => ({ id: ORDERS[i].id, charged: ORDERS[i].id, at: i, of: 3 })));
    expect(step(run, "sizes").output).toEqual({ big: ["A", "C"], small: ["B"] });
    expect(step(run, "count").output).toBe(3);
    expect(run.steps.some((s) => s.nodeId === "big#1" || s.nodeId === "small#0")).toBe(false);
  });

  it("runs batches of N items, the last one smaller, and ends the run with the loop's outputs when nothing joins", async () => {
    const { id } = await createWorkflow(
      server,
      graph(
        "Sum in batches",
        [
          { id: "start", type: "trigger.manual" },
          { id: "batches", type: "transform.split", config: { items: "trigger.orders", mode: "batch", batchSize: 2 } },
          { id: "sum", type: "transform.map", config: { expression: '{ "ids": $join(input.id, ","), "total": $sum(input.total) }' } },
        ],
        ["start->batches", "batches->sum"],
      ),
    );
    const run = await waitForRun(server, await startManualRun(server, id, { orders: ORDERS }));
    expect(run.status).toBe("completed");
    expect(step(run, "batches").output).toEqual([ORDERS.slice(0, 2), ORDERS.slice(2, 4), ORDERS.slice(4)]);
    expect(["sum#0", "sum#1", "sum#2"].map((key) => step(run, key).output)).toEqual([
      { ids: "A,B", total: 150 },
      { ids: "C,D", total: 85 },
      { ids: "E", total: 5 },
    ]);
    expect(run.output).toEqual({ sum: [{ ids: "A,B", total: 150 }, { ids: "C,D", total: 85 }, { ids: "E", total: 5 }] });
  });

  it("compensates the completed steps in reverse completion order when a later step fails the run", async () => {
    const http = (path: string, body: Record<string, unknown>) => ({ method: "POST", url: `${api.url}${path}`, body });
    const { id } = await createWorkflow(
      server,
      graph(
        "Order saga",
        [
          { id: "start", type: "trigger.manual" },
          { id: "reserve", type: "action.http", config: http("/reserve", { sku: "{{ trigger.sku }}" }), settings: { compensation: "release" } },
          { id: "note", type: "transform.map", config: { expression: '"reserved"' } },
          { id: "pay", type: "action.http", config: http("/pay", { amount: "{{ trigger.amount }}" }), settings: { compensation: "refund" } },
          { id: "ship", type: "action.http", config: http("/ship", { order: "{{ trigger.orderId }}" }), settings: { retry: { maxAttempts: 1 } } },
          { id: "release", type: "action.http", config: http("/release", { reservation: "{{ input.body.id }}" }) },
          { id: "refund", type: "action.http", config: http("/refund", { payment: "{{ input.body.id }}", order: "{{ trigger.orderId }}" }) },
        ],
        ["start->reserve", "reserve->note", "note->pay", "pay->ship"],
      ),
    );
    const before = api.requests.length;
    const run = await waitForRun(server, await startManualRun(server, id, { orderId: "o1", sku: "MUG", amount: 34 }));
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({
      nodeId: "ship",
      compensations: [
        { nodeId: "refund", for: "pay", status: "completed" },
        { nodeId: "release", for: "reserve", status: "completed" },
      ],
    });
    const calls = api.requests.slice(before);
    expect(calls.map((r) => r.path)).toEqual(["/reserve", "/pay", "/ship", "/refund", "/release"]);
    expect(JSON.parse(calls[3].body)).toEqual({ payment: "pay_1", order: "o1" });
    expect(JSON.parse(calls[4].body)).toEqual({ reservation: "res_1" });
    const refund = step(run, "refund@pay");
    const release = step(run, "release@reserve");
    expect([refund.status, release.status]).toEqual(["completed", "completed"]);
    expect(Date.parse(release.startedAt!)).toBeGreaterThanOrEqual(Date.parse(refund.endedAt!));
    expect(run.steps.some((s) => s.nodeId.startsWith("release") && s.nodeId !== "release@reserve")).toBe(false);
  });

  it("tests one node without starting a run, and answers bad requests with a 400 naming the field", async () => {
    const { id } = await createWorkflow(server, graph("Test a node", [{ id: "start", type: "trigger.manual" }, { id: "shape", type: "transform.map", config: { expression: "1" } }], ["start->shape"]));
    const runsBefore = (await server.api<{ runs: unknown[] }>(`/api/runs?workflowId=${id}`)).body.runs.length;
    const node = { id: "shape", type: "transform.map", position: { x: 0, y: 0 }, config: { expression: '{ "email": $uppercase(input.email), "plan": trigger.plan, "n": steps.count }' } };
    const ok = await server.api(`/api/workflows/${id}/test-node`, { body: { node, input: { email: "ada@example.com" }, trigger: { plan: "pro" }, steps: { count: 2 } } });
    expect(ok).toMatchObject({ status: 200, body: { status: "completed", output: { email: "ADA@EXAMPLE.COM", plan: "pro", n: 2 }, branch: null } });

    const call = await server.api(`/api/workflows/${id}/test-node`, {
      body: { node: { ...node, type: "action.http", config: { method: "POST", url: `${api.url}/charge`, body: { id: "{{ input.id }}" } } }, input: { id: "T1" } },
    });
    expect(call).toMatchObject({ status: 200, body: { status: "completed", output: { status: 200, body: { charged: "T1" } } } });

    const failing = await server.api(`/api/workflows/${id}/test-node`, { body: { node: { ...node, config: { expression: "$number('x') + 1" } } } });
    expect(failing).toMatchObject({ status: 200, body: { status: "failed", error: { message: expect.stringContaining("$number('x') + 1") } } });

    const badConfig = await server.api<{ issues: { path: string }[] }>(`/api/workflows/${id}/test-node`, { body: { node: { ...node, config: { expression: "" } } } });
    expect(badConfig.status).toBe(400);
    expect(badConfig.body.issues[0].path).toBe("node.config.expression");
    const delay = await server.api<{ issues: { path: string }[] }>(`/api/workflows/${id}/test-node`, { body: { node: { ...node, type: "flow.delay", config: { duration: "1m" } } } });
    expect(delay.status).toBe(400);
    expect(delay.body.issues[0].path).toBe("node.type");
    const missing = await server.api<{ issues: { path: string }[] }>(`/api/workflows/${id}/test-node`, { body: { input: 1 } });
    expect(missing.status).toBe(400);
    expect(missing.body.issues[0].path).toBe("node");
    const maskedWithoutStored = await server.api<{ issues: { path: string }[] }>(`/api/workflows/${id}/test-node`, {
      body: { node: { ...node, type: "transform.mask", config: { data: "input", rules: [{ path: "x", action: "hash" }], hashKey: "$secret:••••abcd" } } },
    });
    expect(maskedWithoutStored.status).toBe(400);
    expect(maskedWithoutStored.body.issues[0].path).toBe("node.config.hashKey");
    expect((await server.api(`/api/workflows/wf_missing/test-node`, { body: { node } })).status).toBe(404);
    expect((await server.api<{ runs: unknown[] }>(`/api/runs?workflowId=${id}`)).body.runs).toHaveLength(runsBefore);
  });

  it("masks the secrets a tested node used in the answer", async () => {
    const secret = `test-node-key-${kind}-4d4d4d`;
    const connection = await server.api<{ id: string }>("/api/connections", { body: { name: "Echo key", type: "apiKey", config: { in: "header", name: "X-Api-Key" }, secrets: { key: secret } } });
    expect(connection.status).toBe(201);
    const { id } = await createWorkflow(server, graph("Test with a key", [{ id: "start", type: "trigger.manual" }], []));
    const node = { id: "call", type: "action.http", position: { x: 0, y: 0 }, config: { method: "GET", url: `${api.url}/echo`, connectionId: connection.body.id } };
    const answer = await server.api<{ status: string; output: { body: { headers: Record<string, string> } } }>(`/api/workflows/${id}/test-node`, { body: { node } });
    expect(answer.body.status).toBe("completed");
    expect(api.requests.at(-1)?.headers["x-api-key"]).toBe(secret);
    expect(answer.body.output.body.headers["x-api-key"]).not.toBe(secret);
    expect(JSON.stringify(answer.body)).not.toContain(secret);
    expect(server.logs()).not.toContain(secret);
  });
});
