/**
 * Batch-sync benchmark: `npm run bench:sync` (options: `--rows 100000 --page-size 1000`).
 * A local API lists `rows` records page by page (keyset on `seq`); one run of a batch-sync node
 * upserts them into a fresh PostgreSQL table on 127.0.0.1. Prints rows per second end to end
 * (from starting the run until it completed), with the app on SQLite and the production build.
 */
import pg from "pg";
import { createTestDatabase } from "../tests/support/databases";
import { json, startLocalApi } from "../tests/support/local-api";
import { startTestServer } from "../tests/support/server";
import { createWorkflow, graph, startManualRun, step, waitForRun } from "../tests/support/workflows";

const option = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const total = option("rows", 100_000);
const pageSize = option("page-size", 1000);

async function main() {
  const records = Array.from({ length: total }, (_, i) => ({ id: i + 1, customer: `customer-${i % 997}`, amount: (i * 37) % 100_000, status: i % 3 ? "paid" : "open", seq: i + 1 }));
  const api = await startLocalApi({
    "/orders": (request, res) => {
      const url = new URL(`http://x${request.url}`);
      const since = Number(url.searchParams.get("since") ?? 0);
      const limit = Number(url.searchParams.get("limit"));
      // Keyset: records are in seq order, and seq = index + 1.
      json(res, 200, { data: records.slice(since, since + limit) });
    },
  });
  const warehouse = await createTestDatabase("postgresql");
  const server = await startTestServer("sqlite");
  try {
    const client = new pg.Client({ connectionString: warehouse.url });
    await client.connect();
    await client.query("CREATE TABLE orders (id INT PRIMARY KEY, customer TEXT NOT NULL, amount NUMERIC NOT NULL, status TEXT NOT NULL, seq INT NOT NULL)");
    const connection = await server.api<{ id: string }>("/api/connections", {
      body: { name: "Warehouse", type: "postgres", config: { host: "127.0.0.1", port: 5432, database: new URL(warehouse.url).pathname.slice(1), username: "postgres" }, secrets: {} },
    });
    const { id } = await createWorkflow(
      server,
      graph(
        "Bench sync",
        [
          { id: "start", type: "trigger.manual" },
          {
            id: "sync",
            type: "action.batch-sync",
            config: { source: "http", url: `${api.url}/orders`, cursorField: "seq", itemsPath: "data", destinationConnectionId: connection.body.id, table: "orders", keyColumns: "id", pageSize, maxBatches: 100_000, timeoutMs: 120_000 },
          },
        ],
        ["start->sync"],
      ),
    );
    const started = performance.now();
    const run = await waitForRun(server, await startManualRun(server, id), undefined, 30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    const written = Number((await client.query("SELECT COUNT(*) AS n FROM orders")).rows[0].n);
    await client.end();
    if (run.status !== "completed" || written !== total) throw new Error(`sync ${run.status}: ${written} of ${total} rows written (${JSON.stringify(run.error)})`);
    console.log(`batch sync, ${total.toLocaleString()} rows from a local paginated API into PostgreSQL, ${pageSize} per batch`);
    console.log(`  ${seconds.toFixed(1)} s end to end: ${Math.round(total / seconds).toLocaleString()} rows/s (${JSON.stringify(step(run, "sync").output)})`);
  } finally {
    await server.stop();
    await api.close();
    await warehouse.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
