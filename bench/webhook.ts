/**
 * Webhook benchmark: `npm run bench:webhook` (options: `-- --db postgresql --requests 10000 --connections 20`).
 * Starts the production build on 127.0.0.1 with a throwaway database, loads a webhook URL in
 * `immediate` mode from this (second) process with autocannon, and prints accepted requests per
 * second, p50/p99 latency, errors, and how long until every accepted delivery's run finished
 * (checking that none was lost), and the CPU a request cost in Switchboard's processes and
 * PostgreSQL's (bench/support/process-cpu.ts). Nothing leaves 127.0.0.1.
 *
 * `--rate N` sends N requests a second instead of as many as the server answers: with the embedded
 * engine it shows whether execution keeps up with steady traffic while intake has priority.
 *
 * `--accept-only` hands runs to a stand-in Inngest event API on 127.0.0.1 instead of the embedded
 * engine (as with Inngest Cloud, runs then execute elsewhere): it measures the webhook pipeline
 * alone, and checks that every accepted delivery stored its queued run.
 */
import autocannon from "autocannon";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DatabaseKind } from "../tests/support/databases";
import { startTestServer, type TestServer } from "../tests/support/server";
import { cpuMeter } from "./support/process-cpu";
import { runCounts, sum } from "./support/run-counts";
import { chain, createWorkflow } from "../tests/support/workflows";

const arg = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback);
const kind = arg("db", "sqlite") as DatabaseKind;
const requests = Number(arg("requests", "10000"));
const connections = Number(arg("connections", "20"));
const acceptOnly = process.argv.includes("--accept-only");
/** Requests per second for a steady load instead of as fast as the server answers (0). */
const rate = Number(arg("rate", "0"));

/** Answers the Inngest SDK's event sends like Inngest does, and executes nothing. */
async function standInEventApi() {
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const events = JSON.parse(body || "[]");
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ ids: (Array.isArray(events) ? events : [events]).map((e: { id?: string }) => e.id ?? ""), status: 200 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Sends `amount` requests; `lastResponseAt` is when the last answer came (performance.now()):
 * autocannon ends a run on its one-second ticker, so its own duration is rounded up to seconds.
 */
function load(url: string, amount: number, body: string): Promise<{ result: autocannon.Result; lastResponseAt: number }> {
  return new Promise((resolve, reject) => {
    let lastResponseAt = 0;
    const instance = autocannon(
      { url, method: "POST", connections, amount, timeout: 30, body, headers: { "content-type": "application/json" }, ...(rate ? { overallRate: rate } : {}) },
      (error, result) => (error ? reject(error as Error) : resolve({ result, lastResponseAt })),
    );
    instance.on("response", () => (lastResponseAt = performance.now()));
  });
}

async function drain(server: TestServer, workflowId: string): Promise<Record<string, number>> {
  if (acceptOnly) return runCounts(server, workflowId);
  for (;;) {
    const open = await runCounts(server, workflowId, { unfinished: true });
    if (!(open.queued ?? 0) && !(open.running ?? 0)) return runCounts(server, workflowId);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main() {
  const stand = acceptOnly ? await standInEventApi() : null;
  const server = await startTestServer(kind, stand ? { env: { INNGEST_DEV: "1", INNGEST_BASE_URL: stand.url } } : {});
  try {
    const { id, webhookUrl } = await createWorkflow(
      server,
      chain("Bench webhook", [
        { id: "hook", type: "trigger.webhook", config: { response: { mode: "immediate" } } },
        { id: "shape", type: "transform.map", config: { expression: '{ "order": trigger.body.order, "total": trigger.body.total * 2 }' } },
      ]),
    );
    const body = JSON.stringify({ order: "o-1", total: 21, items: [{ sku: "a", qty: 1 }] });
    // Warm up: route compilation, caches, JIT.
    await load(webhookUrl!, 500, body);
    const warm = await drain(server, id);
    const warmTotal = sum(warm);

    const cpu = cpuMeter(server.pid()!);
    const started = performance.now();
    const { result, lastResponseAt: loadEnded } = await load(webhookUrl!, requests, body);
    const accepted = result["2xx"];
    const counts = await drain(server, id);
    const drainMs = performance.now() - loadEnded;
    const { serverMs, postgresMs } = cpu.spent();
    const total = sum(counts) - warmTotal;

    const loadSeconds = (loadEnded - started) / 1000;
    console.log(`webhook bench (${kind}, immediate mode, ${requests} requests over ${connections} connections${rate ? ` at ${rate}/s` : ""}, autocannon in a second process${acceptOnly ? ", runs handed to a stand-in Inngest: pipeline only" : ", embedded engine executing the runs"})`);
    console.log(`  accepted:            ${accepted} in ${loadSeconds.toFixed(2)} s (${(accepted / loadSeconds).toFixed(0)} per second)`);
    console.log(`  latency p50 / p99:   ${result.latency.p50} ms / ${result.latency.p99} ms (max ${result.latency.max} ms)`);
    console.log(`  errors / non-2xx:    ${result.errors + result.timeouts} / ${result.non2xx}`);
    console.log(`  runs for accepted:   ${total} (${total === accepted ? "none lost" : `MISMATCH: ${accepted - total} missing`}); completed ${(counts.completed ?? 0) - (warm.completed ?? 0)}, failed ${(counts.failed ?? 0) - (warm.failed ?? 0)}, queued ${(counts.queued ?? 0) - (warm.queued ?? 0)}`);
    if (!acceptOnly) console.log(`  all runs finished:   ${(drainMs / 1000).toFixed(1)} s after the load ended (${(loadSeconds + drainMs / 1000).toFixed(1)} s from the first request)`);
    const perRun = (ms: number) => `${(ms / accepted).toFixed(2)} ms`;
    console.log(`  CPU per request:     ${perRun(serverMs)} in Switchboard's processes${kind === "postgresql" ? `, ${perRun(postgresMs)} in PostgreSQL's` : ""} (intake${acceptOnly ? "" : " and execution"}, from the first request to the last run)`);
    if (total !== accepted) process.exitCode = 1;
  } finally {
    await server.stop();
    await stand?.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
