/**
 * OpenAPI import benchmark: `npm run bench:openapi` (add `-- --db postgresql`, `--repeat 5`).
 * Imports GitHub's OpenAPI document (@octokit/openapi, 13 MB, over 1,200 operations) and prints
 * the median time of: reading it in-process (parse, resolve $refs, trim schemas), importing it
 * through POST /api/apis (the same plus storing every operation), re-importing it (PUT), listing
 * the workspace's APIs with their operations (the palette's request) and reading one operation
 * (the node form's request). Nothing leaves 127.0.0.1.
 */
import { readFileSync } from "node:fs";
import { importDocument } from "../lib/openapi/import";
import type { DatabaseKind } from "../tests/support/databases";
import { startTestServer } from "../tests/support/server";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const kind = arg("--db", "sqlite") as DatabaseKind;
const REPEAT = Number(arg("--repeat", "5"));

const text = readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8");

async function median(label: string, task: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} ${times[Math.floor(times.length / 2)].toFixed(0).padStart(6)} ms (median of ${REPEAT})`);
}

async function main() {
  const doc = await importDocument(text);
  console.log(`GitHub's document: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${doc.operations.length} operations, ${(JSON.stringify(doc.operations).length / 1024 / 1024).toFixed(1)} MB stored; database ${kind}`);
  await median("read in-process (parse, $refs, trim)", () => importDocument(text));

  const server = await startTestServer(kind);
  try {
    const post = () => fetch(`${server.url}/api/apis?name=GitHub`, { method: "POST", headers: { ...server.authHeaders, "content-type": "application/json" }, body: text });
    let id = "";
    await median("import: POST /api/apis", async () => {
      const response = await post();
      if (response.status !== 201) throw new Error(`import answered ${response.status}: ${await response.text()}`);
      const created = (await response.json()) as { id: string };
      if (id) await fetch(`${server.url}/api/apis/${id}`, { method: "DELETE", headers: server.authHeaders });
      id = created.id;
    });
    await median("re-import: PUT /api/apis/:id", async () => {
      const response = await fetch(`${server.url}/api/apis/${id}`, { method: "PUT", headers: { ...server.authHeaders, "content-type": "application/json" }, body: text });
      if (response.status !== 200) throw new Error(`re-import answered ${response.status}`);
    });
    await median("palette: GET /api/apis", async () => {
      const response = await fetch(`${server.url}/api/apis`, { headers: server.authHeaders });
      await response.arrayBuffer();
    });
    await median("node form: GET /api/apis/:id/operation", async () => {
      const response = await fetch(`${server.url}/api/apis/${id}/operation?key=${encodeURIComponent("issues/create")}`, { headers: server.authHeaders });
      await response.arrayBuffer();
    });
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
