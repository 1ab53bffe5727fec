/**
 * Outbound-call benchmark: `npm run bench:outbound` (add `-- --db postgresql` for PostgreSQL).
 * Prints the time per HTTP step of a 20-step linear workflow calling a local API: plain (SSRF guard
 * and per-host breaker only) and through a bearer connection (credentials, breaker, redaction);
 * and, for 50 runs through a 10/s connection, the achieved rate and the tightest 10-call window.
 * Uses the production build and a throwaway database; nothing leaves 127.0.0.1.
 */
import type { DatabaseKind } from "../tests/support/databases";
import { json, startLocalApi } from "../tests/support/local-api";
import { startTestServer, type TestServer } from "../tests/support/server";
import { createWorkflow, startManualRun, waitForRun } from "../tests/support/workflows";
import type { WorkflowDocument } from "../lib/document/schema";

const kind = (process.argv.includes("--db") ? process.argv[process.argv.indexOf("--db") + 1] : "sqlite") as DatabaseKind;

function linearHttp(steps: number, url: string, connectionId?: string): WorkflowDocument {
  const nodes: WorkflowDocument["nodes"] = [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} }];
  for (let i = 1; i <= steps; i++) nodes.push({ id: `h${i}`, type: "action.http", position: { x: i * 200, y: 0 }, config: { url, ...(connectionId ? { connectionId } : {}) } });
  return { version: 1, name: `HTTP x${steps}`, nodes, edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, target: n.id })) };
}

async function perStep(server: TestServer, document: WorkflowDocument, steps: number, repeats = 3): Promise<number> {
  const workflow = await createWorkflow(server, document);
  await waitForRun(server, await startManualRun(server, workflow.id)); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const run = await waitForRun(server, await startManualRun(server, workflow.id));
    if (run.status !== "completed") throw new Error(`run ${run.id} ${run.status}: ${JSON.stringify(run.error)}`);
    times.push((performance.now() - started) / steps);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function main() {
  const api = await startLocalApi({ "/ok": (_req, res) => json(res, 200, { ok: true }) });
  const server = await startTestServer(kind, { env: { OUTBOUND_HOST_BREAKER: "on" } });
  try {
    const plain = await perStep(server, linearHttp(20, `${api.url}/ok`), 20);
    const conn = await server.api<{ id: string }>("/api/connections", { body: { name: "Bench", type: "bearer", secrets: { token: "bench-token-123456" } } });
    const withConnection = await perStep(server, linearHttp(20, `${api.url}/ok`, conn.body.id), 20);
    console.log(`[${kind}] HTTP step, no connection (SSRF guard + host breaker): ${plain.toFixed(1)} ms per step (median of 3 runs of 20 steps)`);
    console.log(`[${kind}] HTTP step, bearer connection (+ credentials, breaker, redaction): ${withConnection.toFixed(1)} ms per step`);

    const limited = await server.api<{ id: string }>("/api/connections", { body: { name: "Limited", type: "bearer", config: { rateLimit: { requests: 10, per: "second" } }, secrets: { token: "bench-token-654321" } } });
    const workflow = await createWorkflow(server, linearHttp(1, `${api.url}/limited`, limited.body.id));
    api.setHandler("/limited", (_req, res) => json(res, 200, { ok: true }));
    const ids = await Promise.all(Array.from({ length: 50 }, () => startManualRun(server, workflow.id)));
    for (const id of ids) await waitForRun(server, id);
    const times = api.requests.filter((r) => r.path === "/limited").map((r) => r.startedAt).sort((a, b) => a - b);
    const span = (times.at(-1)! - times[0]) / 1000;
    let tightest = Infinity;
    for (let i = 10; i < times.length; i++) tightest = Math.min(tightest, times[i] - times[i - 10]);
    console.log(`[${kind}] 50 calls through a 10/s connection: ${(49 / span).toFixed(2)} calls/s over ${span.toFixed(2)} s; tightest 11 consecutive calls span ${tightest} ms (limit: >= 1000)`);
  } finally {
    await server.stop();
    await api.close();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
