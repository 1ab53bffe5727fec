/**
 * Runs-list benchmark: `npx tsx bench/runs-list.ts` (add `-- --db postgresql`, `--runs 100000`).
 * Seeds a throwaway database with 100,000 runs of 20 workflows over 30 days (3 steps and their
 * attempts each, webhook-like trigger payloads), starts the production server on it and prints
 * the server's time (the `Server-Timing` header of GET /api/runs) for the first page, each filter
 * and a payload search, plus the dashboard and failed-runs queries and the workflow list and page
 * (each shows its workflows' latest run). Nothing leaves 127.0.0.1.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { monotonicFactory } from "ulid";
import { migrateDatabase } from "../lib/db/migrate";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../tests/support/databases";
import { startTestServer } from "../tests/support/server";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const kind = arg("--db", "sqlite") as DatabaseKind;
const RUNS = Number(arg("--runs", "100000"));
const WORKFLOWS = 20;
const DAYS = 30;
const REPEAT = 7;

const ulid = monotonicFactory();
const document = (name: string) => ({
  version: 1,
  name,
  nodes: [
    { id: "hook", type: "trigger.webhook", position: { x: 0, y: 0 }, config: {} },
    { id: "shape", type: "transform.map", position: { x: 240, y: 0 }, config: { expression: "trigger.body" } },
    { id: "send", type: "action.http", position: { x: 480, y: 0 }, config: { method: "POST", url: "http://127.0.0.1:9/orders" } },
  ],
  edges: [
    { id: "e1", source: "hook", target: "shape" },
    { id: "e2", source: "shape", target: "send" },
  ],
});

interface Row {
  run: unknown[];
  steps: unknown[][];
  attempts: unknown[][];
}

/** One run, its 3 steps and their attempts; about 10% fail at "send" after 3 attempts. */
function makeRun(i: number, now: number, stamp: (d: Date) => unknown): Row {
  const created = now - Math.floor(((RUNS - i) / RUNS) * DAYS * 24 * 3600_000);
  const id = `run_${ulid(created).toLowerCase()}`;
  const workflowId = `wf_bench_${String(i % WORKFLOWS).padStart(2, "0")}`;
  const roll = i % 100;
  const status = roll < 85 ? "completed" : roll < 95 ? "failed" : roll < 98 ? "cancelled" : "running";
  const triggerKind = roll % 4 === 0 ? "manual" : "webhook";
  const orderId = `ORD-${String(1_000_000 + i)}`;
  const trigger = {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "shop/2.1", "x-request-id": `req-${i.toString(36)}-${(i * 7919).toString(36)}` },
    query: {},
    body: { orderId, customer: { email: `customer${i}@example.com`, name: `Customer ${i}` }, items: [{ sku: `SKU-${i % 500}`, qty: 1 + (i % 3) }], total: (i % 1000) / 10 },
  };
  const start = new Date(created + 5);
  const end = new Date(created + 50 + (i % 400));
  const error = status === "failed" ? { name: "NodeError", message: `POST http://127.0.0.1:9/orders answered ${i % 3 ? 503 : 500}`, nodeId: "send" } : null;
  const run = [id, workflowId, 1, status, triggerKind, JSON.stringify(trigger), status === "completed" ? JSON.stringify({ send: { status: 200 } }) : null, error && JSON.stringify(error), stamp(new Date(created)), stamp(start), status === "running" ? null : stamp(end)];
  const steps: unknown[][] = [];
  const attempts: unknown[][] = [];
  for (const [n, nodeId, type] of [[0, "hook", "trigger.webhook"], [1, "shape", "transform.map"], [2, "send", "action.http"]] as const) {
    const failedHere = status === "failed" && nodeId === "send";
    const tries = failedHere ? 3 : 1;
    steps.push([id, nodeId, type, failedHere ? "failed" : "completed", tries, stamp(new Date(created + 5 + n * 10)), stamp(new Date(created + 10 + n * 10)), JSON.stringify({ n }), failedHere ? null : JSON.stringify({ ok: true }), failedHere ? JSON.stringify(error) : null]);
    for (let t = 1; t <= tries; t++) {
      attempts.push([id, nodeId, "attempt", t, type, failedHere ? "failed" : "completed", stamp(new Date(created + 5 + n * 10 + t)), stamp(new Date(created + 6 + n * 10 + t)), failedHere ? JSON.stringify(error) : null]);
    }
  }
  return { run, steps, attempts };
}

const RUN_COLUMNS = `"id","workflowId","workflowVersion","status","triggerKind","trigger","output","error","createdAt","startedAt","endedAt"`;
const STEP_COLUMNS = `"runId","nodeId","nodeType","status","attempts","startedAt","endedAt","input","output","error"`;
const ATTEMPT_COLUMNS = `"runId","nodeId","kind","attempt","nodeType","status","startedAt","endedAt","error"`;

async function seed(database: TestDatabase) {
  const now = Date.now();
  const workflows = Array.from({ length: WORKFLOWS }, (_, w) => ({ id: `wf_bench_${String(w).padStart(2, "0")}`, name: `Bench workflow ${w}` }));
  if (database.kind === "sqlite") {
    const sqlite = new Database(database.url.replace(/^file:/, ""));
    sqlite.pragma("journal_mode = WAL");
    const stamp = (d: Date) => d.toISOString().replace("Z", "+00:00");
    const insertWorkflow = sqlite.prepare(`INSERT INTO "Workflow" ("id","name","active","version","document","webhookToken","createdAt","updatedAt") VALUES (?,?,1,1,?,?,?,?)`);
    const insertVersion = sqlite.prepare(`INSERT INTO "WorkflowVersion" ("workflowId","version","document","createdAt") VALUES (?,1,?,?)`);
    const insertRun = sqlite.prepare(`INSERT INTO "Run" (${RUN_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)`);
    const insertStep = sqlite.prepare(`INSERT INTO "StepRun" (${STEP_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)`);
    const insertAttempt = sqlite.prepare(`INSERT INTO "StepAttempt" (${ATTEMPT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)`);
    sqlite.transaction(() => {
      for (const w of workflows) {
        insertWorkflow.run(w.id, w.name, JSON.stringify(document(w.name)), `token-${w.id}`, stamp(new Date(now)), stamp(new Date(now)));
        insertVersion.run(w.id, JSON.stringify(document(w.name)), stamp(new Date(now)));
      }
      for (let i = 0; i < RUNS; i++) {
        const row = makeRun(i, now, stamp);
        insertRun.run(...row.run);
        for (const s of row.steps) insertStep.run(...s);
        for (const a of row.attempts) insertAttempt.run(...a);
      }
    })();
    sqlite.exec("ANALYZE");
    sqlite.close();
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    for (const w of workflows) {
      await client.query(`INSERT INTO "Workflow" ("id","name","active","version","document","webhookToken","createdAt","updatedAt") VALUES ($1,$2,true,1,$3,$4,now(),now())`, [w.id, w.name, JSON.stringify(document(w.name)), `token-${w.id}`]);
      await client.query(`INSERT INTO "WorkflowVersion" ("workflowId","version","document","createdAt") VALUES ($1,1,$2,now())`, [w.id, JSON.stringify(document(w.name))]);
    }
    const stamp = (d: Date) => d.toISOString();
    const insertMany = async (table: string, columns: string, rows: unknown[][]) => {
      const width = rows[0].length;
      const values = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(",")})`).join(",");
      await client.query(`INSERT INTO "${table}" (${columns}) VALUES ${values}`, rows.flat());
    };
    const BATCH = 1000;
    for (let i = 0; i < RUNS; i += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, RUNS - i) }, (_, k) => makeRun(i + k, now, stamp));
      await insertMany("Run", RUN_COLUMNS, rows.map((r) => r.run));
      await insertMany("StepRun", STEP_COLUMNS, rows.flatMap((r) => r.steps));
      await insertMany("StepAttempt", ATTEMPT_COLUMNS, rows.flatMap((r) => r.attempts));
    }
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const database = await createTestDatabase(kind);
  try {
    await migrateDatabase({ kind, url: database.url, file: kind === "sqlite" ? database.url.replace(/^file:/, "") : undefined });
    const seedStart = Date.now();
    await seed(database);
    console.log(`${kind}: seeded ${RUNS.toLocaleString()} runs (${(RUNS * 3).toLocaleString()} steps, attempts) in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const server = await startTestServer(kind, { database, env: { SWITCHBOARD_RETENTION_INTERVAL_MS: "0" } });
    try {
      const since24h = new Date(Date.now() - 24 * 3600_000).toISOString();
      const cases: [string, string][] = [
        ["first page (50 newest)", "/api/runs"],
        ["status=failed", "/api/runs?status=failed"],
        ["status=running (rare)", "/api/runs?status=running"],
        ["workflowId", "/api/runs?workflowId=wf_bench_07"],
        ["workflowId + status=failed", "/api/runs?workflowId=wf_bench_07&status=failed"],
        ["triggerKind=manual", "/api/runs?triggerKind=manual"],
        ["last 24 h", `/api/runs?from=${encodeURIComponent(since24h)}`],
        ["page 20 (cursor)", ""],
        ["payload search, one match (order id)", "/api/runs?q=ORD-1012345"],
        ["payload search, many matches (SKU-42)", "/api/runs?q=SKU-42"],
        ["payload search, no match", "/api/runs?q=no-such-order"],
        ["payload search + status=failed", "/api/runs?q=SKU-42&status=failed"],
        ["dashboard 24h", "/api/runs/stats?period=24h"],
        ["dashboard 30d", "/api/runs/stats?period=30d"],
        ["failed runs (DLQ groups)", "/api/runs/failed"],
        ["workflow list (each with its latest run)", "/api/workflows"],
        ["one workflow (with its latest run)", "/api/workflows/wf_bench_07"],
      ];
      // The cursor of page 20 of the plain list.
      let cursor: string | null = null;
      for (let page = 0; page < 19; page++) {
        const body = (await (await fetch(`${server.url}/api/runs${cursor ? `?cursor=${cursor}` : ""}`, { headers: server.authHeaders })).json()) as { nextCursor: string | null };
        cursor = body.nextCursor;
      }
      cases[7][1] = `/api/runs?cursor=${cursor}`;

      console.log(`\n${kind}, ${RUNS.toLocaleString()} runs: median of ${REPEAT} requests after one warm-up`);
      console.log(`${"query".padEnd(42)} ${"server (db)".padStart(12)} ${"HTTP total".padStart(12)}  rows`);
      for (const [label, path] of cases) {
        const server_: number[] = [];
        const total: number[] = [];
        let rows = 0;
        for (let i = 0; i <= REPEAT; i++) {
          const started = performance.now();
          const response = await fetch(`${server.url}${path}`, { headers: server.authHeaders });
          const body = (await response.json()) as { runs?: unknown[]; groups?: unknown[]; workflows?: unknown[] };
          if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`);
          const elapsed = performance.now() - started;
          if (i === 0) continue;
          total.push(elapsed);
          const timing = /db;dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "");
          if (timing) server_.push(Number(timing[1]));
          rows = (body.runs ?? body.groups ?? body.workflows ?? []).length;
        }
        console.log(`${label.padEnd(42)} ${(server_.length ? `${median(server_).toFixed(1)} ms` : "—").padStart(12)} ${`${median(total).toFixed(1)} ms`.padStart(12)}  ${rows}`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    if (process.argv.includes("--keep")) console.log(`kept ${database.url}`);
    else await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
