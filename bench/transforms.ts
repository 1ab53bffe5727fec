/**
 * Transform benchmark: `npm run bench:transforms`. Prints, in-process (no server):
 * - the code sandbox: a cold start (new worker + QuickJS), warm latency of a small script, runs per
 *   second with 8 in flight, and a CPU-heavy script;
 * - the other transforms on larger data: JSON Schema validation, XML and CSV both ways, mask,
 *   aggregate, filter, date & time.
 */
import { performance } from "node:perf_hooks";
import { runCode } from "../lib/transforms/sandbox";
import { outputOf } from "../tests/support/transforms";

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

const data = (input: unknown) => ({ input, trigger: {}, steps: {}, run: { id: "bench" } });

async function sandbox() {
  const cold = await time(() => runCode({ code: "return input + 1", data: data(1), timeoutMs: 5000, memoryLimitMb: 64 }));
  console.log(`code: cold start (worker + QuickJS)           ${fmt(cold.ms)}`);

  const warm: number[] = [];
  for (let i = 0; i < 200; i++) warm.push((await time(() => runCode({ code: "return input.map((x) => x * 2)", data: data([1, 2, 3]), timeoutMs: 5000, memoryLimitMb: 64 }))).ms);
  console.log(`code: warm small script                       p50 ${fmt(percentile(warm, 50))}, p95 ${fmt(percentile(warm, 95))}`);

  const total = 400;
  let started = 0;
  const parallel = await time(async () => {
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (started < total) {
          started++;
          await runCode({ code: "return input.length", data: data([1, 2, 3]), timeoutMs: 5000, memoryLimitMb: 64 });
        }
      }),
    );
  });
  console.log(`code: runs per second, 8 in flight            ${((total / parallel.ms) * 1000).toFixed(0)}`);

  const items = Array.from({ length: 10_000 }, (_, i) => ({ id: i, price: i % 97, qty: i % 5 }));
  const heavy = await time(() => runCode({ code: "let s = 0;\nfor (const x of input) s += x.price * x.qty;\nreturn s;", data: data(items), timeoutMs: 10_000, memoryLimitMb: 128 }));
  console.log(`code: sum over 10,000 items (data in and out) ${fmt(heavy.ms)}`);
  const loop = await time(() => runCode({ code: "let s = 0;\nfor (let i = 0; i < 1e7; i++) s += i % 7;\nreturn s;", data: data(null), timeoutMs: 20_000, memoryLimitMb: 64 }));
  console.log(`code: 10 million loop iterations              ${fmt(loop.ms)}`);
}

async function others() {
  const orders = Array.from({ length: 10_000 }, (_, i) => ({ id: `o${i}`, email: `user${i}@example.com`, country: ["FR", "DE", "US", "JP"][i % 4], total: (i % 300) + 0.5, card: { number: `42424242424${String(i).padStart(5, "0")}` }, at: new Date(1_700_000_000_000 + i * 60_000).toISOString() }));
  const schema = { type: "array", items: { type: "object", required: ["id", "email", "total"], properties: { id: { type: "string" }, email: { type: "string", format: "email" }, total: { type: "number", minimum: 0 }, at: { type: "string", format: "date-time" } } } };
  const runs: [string, () => Promise<unknown>][] = [
    ["validate 10,000 orders (JSON Schema, formats)", () => outputOf("transform.validate", { schema }, orders)],
    ["filter 10,000 orders (JSONata per item)", () => outputOf("transform.filter", { condition: 'country = "FR" and total > 100' }, orders)],
    ["aggregate 10,000 orders by country", () => outputOf("transform.aggregate", { groupBy: ["country"], calculations: [{ op: "count" }, { op: "sum", field: "total" }, { op: "max", field: "at" }] }, orders)],
    ["mask 10,000 orders (partial + **.email)", () => outputOf("transform.mask", { rules: [{ path: "*.card.number", action: "partial" }, { path: "**.email" }] }, orders)],
    ["mask 10,000 orders (hash emails)", () => outputOf("transform.mask", { rules: [{ path: "*.email", action: "hash" }] }, orders)],
  ];
  const csv = (await outputOf("transform.csv", { direction: "json-to-csv", columns: ["id", "email", "country", "total", "at"] }, orders)) as string;
  const xml = (await outputOf("transform.xml", { direction: "json-to-xml" }, { orders: { order: orders.map(({ card: _card, ...o }) => o) } })) as string;
  runs.push(
    ["CSV: write 10,000 rows", () => outputOf("transform.csv", { direction: "json-to-csv" }, orders)],
    [`CSV: read 10,000 rows (${(csv.length / 1024).toFixed(0)} KB)`, () => outputOf("transform.csv", { direction: "csv-to-json", parseValues: true }, csv)],
    ["XML: write 10,000 elements", () => outputOf("transform.xml", { direction: "json-to-xml" }, { orders: { order: orders } })],
    [`XML: read 10,000 elements (${(xml.length / 1024).toFixed(0)} KB)`, () => outputOf("transform.xml", { direction: "xml-to-json", alwaysList: ["order"] }, xml)],
    ["date & time: parse, shift, format x1000", async () => {
      for (let i = 0; i < 1000; i++) await outputOf("transform.datetime", { value: orders[i].at, shift: "+1 month -2h", outputFormat: "dd LLL yyyy HH:mm", timeZone: "Europe/Paris" }, null);
    }],
  );
  for (const [name, work] of runs) {
    await work();
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) samples.push((await time(work)).ms);
    console.log(`${name.padEnd(46)} ${fmt(percentile(samples, 50))}`);
  }
}

sandbox()
  .then(others)
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
