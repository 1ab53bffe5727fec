import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";
import { createWorkflow, graph, startManualRun, step, waitForRun } from "../support/workflows";

/**
 * A source API that lists orders changed after `since` in change order (`seq`), `limit` at a time,
 * slowly enough that the server can be killed in the middle of a sync; pages from `hold.since` on
 * are answered only once `hold.until` settles, so the kill lands mid-sync however slow the machine.
 */
function serveOrders(api: LocalApi, orders: { id: number; amount: number; seq: number }[], pageDelayMs: number, hold?: { since: number; until: Promise<void> }) {
  api.setHandler("/orders", async (request, res) => {
    await new Promise((resolve) => setTimeout(resolve, pageDelayMs));
    const url = new URL(`http://x${request.url}`);
    const since = Number(url.searchParams.get("since") ?? 0);
    if (hold && since >= hold.since) await hold.until;
    const limit = Number(url.searchParams.get("limit"));
    json(res, 200, { data: orders.filter((o) => o.seq > since).slice(0, limit) });
  });
}

describe("batch sync from a paginated API into PostgreSQL", () => {
  let server: TestServer;
  let api: LocalApi;
  let warehouse: TestDatabase;
  let workflowId: string;
  const orders = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, amount: (i + 1) * 100, seq: i + 1 }));

  const rows = async (sql: string) => {
    const client = new pg.Client({ connectionString: warehouse.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  const sinceOfRequests = () => api.requests.filter((r) => r.path === "/orders").map((r) => Number(new URL(`http://x${r.url}`).searchParams.get("since") ?? 0));

  beforeAll(async () => {
    api = await startLocalApi();
    warehouse = await createTestDatabase("postgresql");
    await rows("CREATE TABLE orders (id INT PRIMARY KEY, total NUMERIC NOT NULL, seq INT NOT NULL)");
    server = await startTestServer("sqlite");
    const url = new URL(warehouse.url);
    const connection = await server.api<{ id: string }>("/api/connections", {
      body: { name: "Warehouse", type: "postgres", config: { host: "127.0.0.1", port: 5432, database: url.pathname.slice(1), username: "postgres" }, secrets: {} },
    });
    const created = await createWorkflow(
      server,
      graph(
        "Orders to the warehouse",
        [
          { id: "start", type: "trigger.manual" },
          {
            id: "sync",
            type: "action.batch-sync",
            config: { source: "http", url: `${api.url}/orders`, cursorField: "seq", itemsPath: "data", mapping: '{ "id": input.id, "total": input.amount / 100, "seq": input.seq }', destinationConnectionId: connection.body.id, table: "orders", keyColumns: "id", pageSize: 50, maxBatches: 100 },
          },
        ],
        ["start->sync"],
      ),
    );
    workflowId = created.id;
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
    await warehouse?.drop();
  });

  it("killed with kill -9 mid-sync, resumes after the last committed batch with every row exactly once", async () => {
    let release = () => {};
    serveOrders(api, orders, 60, { since: 400, until: new Promise<void>((resolve) => (release = resolve)) });
    const runId = await startManualRun(server, workflowId);
    await waitFor(async () => Number((await rows("SELECT COUNT(*) AS n FROM orders"))[0].n) >= 200, { what: "four batches committed" });
    await server.kill();
    release();
    const committed = Number((await rows("SELECT MAX(seq) AS m FROM orders"))[0].m);
    const before = sinceOfRequests().length;
    await server.start();

    const run = await waitForRun(server, runId);
    expect(run.status, JSON.stringify(run.error)).toBe("completed");
    expect(step(run, "sync").output).toMatchObject({ done: true, cursor: 1000 });
    expect(await rows("SELECT COUNT(*)::int AS n, SUM(id)::int AS ids, SUM(total)::int AS total FROM orders")).toEqual([{ n: 1000, ids: 500500, total: 500500 }]);
    // After the restart the sync asked for what followed a committed batch, not for everything again:
    // the last one, or the one before when the kill fell between a batch's upsert and the cursor's
    // save (that batch is read and upserted again, which leaves the same rows, as counted above).
    const resumedFrom = sinceOfRequests()[before];
    expect(resumedFrom).toBeGreaterThanOrEqual(committed - 50);
    expect(resumedFrom).toBeLessThanOrEqual(committed);
    expect(resumedFrom % 50).toBe(0);
  });

  it("reads only what changed since the last sync", async () => {
    orders.push({ id: 7, amount: 999_900, seq: 1001 }, { id: 1001, amount: 100, seq: 1002 });
    serveOrders(api, orders, 0);
    const run = await waitForRun(server, await startManualRun(server, workflowId));
    expect(run.status, JSON.stringify(run.error)).toBe("completed");
    expect(step(run, "sync").output).toMatchObject({ rows: 2, batches: 1, cursor: 1002, done: true });
    expect(await rows("SELECT id, total::int AS total FROM orders WHERE id IN (7, 1001) ORDER BY id")).toEqual([
      { id: 7, total: 9999 },
      { id: 1001, total: 1 },
    ]);
    const idle = await waitForRun(server, await startManualRun(server, workflowId));
    expect(step(idle, "sync").output).toMatchObject({ rows: 0, batches: 0, cursor: 1002, done: true });
  });
});
