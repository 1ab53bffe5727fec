/**
 * Embedded-engine benchmark: `npm run bench:engine` (add `-- --db postgresql` for PostgreSQL).
 * Prints the time per step of a 20-step linear workflow, the total time of a 10-branch
 * fan-out/fan-in, and completed runs per second for a 3-node workflow with 50 runs in flight, with
 * the CPU they cost each (bench/support/process-cpu.ts).
 * Uses the production build and a throwaway database; nothing leaves 127.0.0.1.
 */
import { startTestServer, type TestServer } from "../tests/support/server";
import type { DatabaseKind } from "../tests/support/databases";
import { createWorkflow, getRun, startManualRun, type RunDetail } from "../tests/support/workflows";
import { cpuMeter } from "./support/process-cpu";
import { runCounts, runFinished } from "./support/run-counts";
import type { WorkflowDocument } from "../lib/document/schema";

const kind = (process.argv.includes("--db") ? process.argv[process.argv.indexOf("--db") + 1] : "sqlite") as DatabaseKind;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

function linear(steps: number): WorkflowDocument {
  const nodes = [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} }];
  for (let i = 1; i < steps; i++) nodes.push({ id: `s${i}`, type: "transform.map", position: { x: i * 200, y: 0 }, config: { expression: `{ "i": ${i}, "prev": ${i === 1 ? "trigger" : `steps.s${i - 1}.i`} }` } });
  return { version: 1, name: `Linear ${steps}`, nodes, edges: nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, target: n.id })) };
}

function fanOut(branches: number): WorkflowDocument {
  const nodes: WorkflowDocument["nodes"] = [{ id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} }];
  const edges: WorkflowDocument["edges"] = [];
  for (let i = 0; i < branches; i++) {
    nodes.push({ id: `b${i}`, type: "transform.map", position: { x: 200, y: i * 100 }, config: { expression: `${i}` } });
    edges.push({ id: `out${i}`, source: "start", target: `b${i}` }, { id: `in${i}`, source: `b${i}`, target: "join" });
  }
  nodes.push({ id: "join", type: "transform.map", position: { x: 400, y: 0 }, config: { expression: "$sum(input.*)" } });
  return { version: 1, name: `Fan-out ${branches}`, nodes, edges };
}

/**
 * Runs one at a time. Each is awaited in the database and read over the API once it has finished:
 * an API request while it runs costs the server about 10 ms of CPU, which a run executing in the
 * server process waited for (most of the difference between its first and second step).
 */
async function runsSequentially(server: TestServer, workflowId: string, count: number): Promise<RunDetail[]> {
  const runs: RunDetail[] = [];
  for (let i = 0; i < count; i++) {
    const runId = await startManualRun(server, workflowId, { n: i });
    await runFinished(server, runId);
    runs.push(await getRun(server, runId));
  }
  return runs;
}

/**
 * Starts `total` runs, keeping `inFlight` of them unfinished at a time, and returns when all have
 * completed. Completion is read from the database, not by polling each run over the API (50
 * pollers would load the server more than the runs do).
 */
async function keepInFlight(server: TestServer, workflowId: string, total: number, inFlight: number) {
  let started = 0;
  for (;;) {
    const counts = await runCounts(server, workflowId);
    if (counts.failed || counts.cancelled) throw new Error(`throughput runs did not complete: ${JSON.stringify(counts)}`);
    const finished = counts.completed ?? 0;
    if (finished >= total) return;
    const starts = Math.min(total - started, inFlight - (started - finished));
    await Promise.all(Array.from({ length: starts }, () => startManualRun(server, workflowId)));
    started += starts;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main() {
  const server = await startTestServer(kind);
  try {
    // Warm up: the first requests compile routes and fill caches, and the first runs of a workflow
    // run code the JIT has not optimised yet (the first ten 20-step runs took up to twice as long).
    const line = await createWorkflow(server, linear(20));
    await runsSequentially(server, line.id, 10);
    const lineRuns = await runsSequentially(server, line.id, 20);
    const perStep: number[] = [];
    for (const run of lineRuns) {
      if (run.status !== "completed") throw new Error(`linear run ${run.id} ${run.status}`);
      const starts = run.steps.map((s) => Date.parse(s.startedAt!)).sort((a, b) => a - b);
      for (let i = 1; i < starts.length; i++) perStep.push(starts[i] - starts[i - 1]);
    }
    const runTotals = lineRuns.map((r) => r.steps.reduce((max, s) => Math.max(max, Date.parse(s.endedAt ?? s.startedAt!)), 0) - Math.min(...r.steps.map((s) => Date.parse(s.startedAt!))));

    const fan = await createWorkflow(server, fanOut(10));
    const fanRuns = await runsSequentially(server, fan.id, 10);
    const fanTotals = fanRuns.map((run) => {
      if (run.status !== "completed") throw new Error(`fan-out run ${run.id} ${run.status}`);
      const starts = run.steps.map((s) => Date.parse(s.startedAt!));
      const ends = run.steps.map((s) => Date.parse(s.endedAt!));
      return Math.max(...ends) - Math.min(...starts);
    });

    const small = await createWorkflow(server, linear(3));
    const total = 300;
    const inFlight = 50;
    const cpu = cpuMeter(server.pid()!);
    const t0 = performance.now();
    await keepInFlight(server, small.id, total, inFlight);
    const seconds = (performance.now() - t0) / 1000;
    const { serverMs, postgresMs } = cpu.spent();

    console.log(`Embedded engine on ${kind} (${new Date().toISOString()})`);
    console.log(`  20-step linear workflow, 20 runs after 10 to warm up: whole run median ${fmt(percentile(runTotals, 50))}, p95 ${fmt(percentile(runTotals, 95))}, so ${fmt(percentile(runTotals, 50) / 19)} per step (run history's times are whole milliseconds, so a step's time is read off the whole run); a step's p95 ${fmt(percentile(perStep, 95))}`);
    console.log(`  10-branch fan-out/fan-in, 10 runs: total median ${fmt(percentile(fanTotals, 50))}, p95 ${fmt(percentile(fanTotals, 95))}`);
    console.log(`  3-node workflow, ${total} runs with ${inFlight} in flight: ${(total / seconds).toFixed(1)} runs completed per second`);
    console.log(`    CPU per run: ${(serverMs / total).toFixed(2)} ms in Switchboard's processes${kind === "postgresql" ? `, ${(postgresMs / total).toFixed(2)} ms in PostgreSQL's` : ""} (each run started through the runs API)`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
