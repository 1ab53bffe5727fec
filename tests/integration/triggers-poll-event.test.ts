import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, getRun, graph, listRuns, sendEvent, step, waitForRun } from "../support/workflows";

type PollTrigger = { item?: { id: number }; items?: { id: number }[] };

async function polledIds(server: TestServer, workflowId: string): Promise<number[]> {
  const runs = await listRuns(server, workflowId);
  const details = await Promise.all(runs.map((r) => getRun(server, r.id)));
  return details.flatMap((d) => {
    const trigger = (d as unknown as { trigger: PollTrigger }).trigger;
    return trigger.item ? [trigger.item.id] : (trigger.items ?? []).map((i) => i.id);
  }).sort((a, b) => a - b);
}

describe.each(DATABASES)("poll and event triggers on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;
  let items: { id: number; name: string }[] = [];

  beforeAll(async () => {
    api = await startLocalApi({
      "/orders": (_req, res) => json(res, 200, { data: { orders: items } }),
      "/secured": (req, res) => (req.headers.authorization === "Bearer s3cret-token-123" ? json(res, 200, [{ id: 1 }]) : json(res, 401, { error: "no" })),
    });
    server = await startTestServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("polling starts one run per new item, none for old ones, across a restart", async () => {
    items = [
      { id: 1, name: "old" },
      { id: 2, name: "old" },
    ];
    const { id } = await createWorkflow(
      server,
      chain("Poll orders", [
        { id: "poll", type: "trigger.poll", config: { url: `${api.url}/orders`, interval: "1s", items: "data.orders", dedupBy: "id", idField: "id", emit: "each", emitExisting: false } },
        { id: "echo", type: "transform.map", config: { expression: "trigger.item.name" } },
      ]),
    );
    await waitFor(async () => api.count("/orders") >= 2, { what: "two polls" });
    items.push({ id: 3, name: "new" });
    await waitFor(async () => (await polledIds(server, id)).length === 1, { what: "a run for item 3" });
    items.push({ id: 4, name: "new" }, { id: 5, name: "new" });
    await waitFor(async () => (await polledIds(server, id)).length === 3, { what: "runs for items 4 and 5" });

    await server.kill();
    items.push({ id: 6, name: "while down" });
    await server.start();
    await waitFor(async () => (await polledIds(server, id)).length >= 4, { what: "a run for item 6" });
    const polls = api.count("/orders");
    await waitFor(async () => api.count("/orders") >= polls + 2, { what: "two more polls" });
    await server.api(`/api/workflows/${id}`, { method: "PATCH", body: { active: false } });
    expect(await polledIds(server, id)).toEqual([3, 4, 5, 6]);
    const run = await waitForRun(server, (await listRuns(server, id))[0].id);
    expect(run.status).toBe("completed");
  });

  it("emits existing items on the first poll when asked, in one batch run, with a secret header", async () => {
    const { id } = await createWorkflow(
      server,
      chain("Poll batch", [{ id: "poll", type: "trigger.poll", config: { url: `${api.url}/secured`, interval: "1s", items: "$", emit: "batch", emitExisting: true, authHeader: "Authorization", authValue: "Bearer s3cret-token-123" } }]),
    );
    await waitFor(async () => (await listRuns(server, id)).length === 1, { what: "one batch run" });
    expect(await polledIds(server, id)).toEqual([1]);
    const stored = await server.api<{ document: { nodes: { config: { authValue: string } }[] } }>(`/api/workflows/${id}`);
    expect(stored.body.document.nodes[0].config.authValue).toMatch(/^\$secret:/);
    await server.api(`/api/workflows/${id}`, { method: "PATCH", body: { active: false } });
  });

  it("one event fans out to three subscribed workflows; a repeated id starts none", async () => {
    const subscriber = (name: string, events: string[]) =>
      chain(name, [
        { id: "on", type: "trigger.event", config: { events } },
        { id: "echo", type: "transform.map", config: { expression: "trigger.data.orderId" } },
      ]);
    const a = await createWorkflow(server, subscriber("Sub A", ["shop.order.*"]));
    const b = await createWorkflow(server, subscriber("Sub B", ["shop.order.paid"]));
    const c = await createWorkflow(server, subscriber("Sub C", ["shop.*", "other"]));
    const notMatching = await createWorkflow(server, subscriber("Sub D", ["shop.refund.*"]));
    const inactive = await createWorkflow(server, subscriber("Sub E", ["shop.order.paid"]));
    await server.api(`/api/workflows/${inactive.id}`, { method: "PATCH", body: { active: false } });

    const event = { id: "evt-fanout-1", name: "shop.order.paid", data: { orderId: "o-77" }, source: "shop", occurredAt: "2026-01-31T12:00:00Z" };
    const first = await server.api<{ id: string; duplicate: boolean; runs: number }>("/api/events", { body: event });
    expect(first).toMatchObject({ status: 202, body: { id: "evt-fanout-1", duplicate: false, runs: 3 } });
    const again = await server.api<{ duplicate: boolean }>("/api/events", { body: event });
    expect(again).toMatchObject({ status: 200, body: { duplicate: true } });

    for (const workflow of [a, b, c]) {
      const runs = await listRuns(server, workflow.id);
      expect(runs).toHaveLength(1);
      expect(runs[0].triggerKind).toBe("event");
      const run = await waitForRun(server, runs[0].id);
      expect(step(run, "on").output).toEqual({ id: "evt-fanout-1", name: "shop.order.paid", occurredAt: "2026-01-31T12:00:00.000Z", source: "shop", data: { orderId: "o-77" } });
      expect(step(run, "echo").output).toBe("o-77");
    }
    expect(await listRuns(server, notMatching.id)).toHaveLength(0);
    expect(await listRuns(server, inactive.id)).toHaveLength(0);
  });

  it("Publish event node fans out (not to itself) and resumes a waiting run", async () => {
    const waiter = await createWorkflow(
      server,
      graph(
        "Waits for shipment",
        [
          { id: "start", type: "trigger.manual" },
          { id: "wait", type: "flow.wait-for-event", config: { event: "parcel.shipped", matchField: "data.parcel", matchValue: "p-1", timeout: "1m" } },
        ],
        ["start->wait"],
      ),
    );
    const waitingRun = (await server.api<{ runId: string }>(`/api/workflows/${waiter.id}/runs`, { body: { payload: {} } })).body.runId;
    await waitForRun(server, waitingRun, ["running"]);
    await waitFor(async () => (await getRun(server, waitingRun)).steps.some((s) => s.nodeId === "wait" && s.status === "waiting"), { what: "the run to wait" });

    const listener = await createWorkflow(server, chain("Listens", [{ id: "on", type: "trigger.event", config: { events: ["parcel.*"] } }]));
    const publisher = await createWorkflow(
      server,
      chain("Publishes", [
        { id: "on", type: "trigger.event", config: { events: ["parcel.*"] } },
        { id: "pub", type: "action.publish-event", config: { name: "parcel.shipped", data: { parcel: "p-1" } } },
      ]),
    );
    const kick = await sendEvent(server, { name: "parcel.created", data: {} });
    expect(kick.status).toBe(202);
    await waitFor(async () => (await listRuns(server, publisher.id))[0]?.status === "completed", { what: "the publisher run" });
    const published = await waitForRun(server, (await listRuns(server, publisher.id))[0].id);
    expect(step(published, "pub").output).toMatchObject({ duplicate: false, runs: 1 });
    // The listener got parcel.created and parcel.shipped; the publisher only the event it did not publish.
    await waitFor(async () => (await listRuns(server, listener.id)).length === 2, { what: "two listener runs" });
    expect(await listRuns(server, publisher.id)).toHaveLength(1);
    expect((await waitForRun(server, waitingRun)).status).toBe("completed");
  });
});
