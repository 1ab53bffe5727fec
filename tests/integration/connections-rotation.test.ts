import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow, startManualRun, waitForRun } from "../support/workflows";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe.each(DATABASES)("secret key rotation (%s)", (kind) => {
  let api: LocalApi;
  let first: TestServer;
  let second: TestServer | undefined;

  beforeAll(async () => {
    api = await startLocalApi({ "/me": (req, res) => json(res, req.headers.authorization === "Bearer rotate-token-123456" ? 200 : 401, {}) });
    first = await startTestServer(kind);
  });
  afterAll(async () => {
    await second?.stop();
    await first?.kill();
    await first?.database.drop();
    await api?.close();
  });

  it("re-encrypts connections and workflow secrets with the new key; the old key is no longer needed", async () => {
    const connection = await first.api<{ id: string }>("/api/connections", { body: { name: "Rotating", type: "bearer", config: { testUrl: `${api.url}/me` }, secrets: { token: "rotate-token-123456" } } });
    const workflow = await createWorkflow(first, chain("Chat", [{ id: "start", type: "trigger.manual", config: {} }, { id: "chat", type: "action.chat-message", config: { webhookUrl: `${api.url}/hook/rotate-hook-secret`, text: "hi" } }]));
    await first.kill();

    const oldKey = readFileSync(path.join(first.database.dataDir, "secret-key"), "utf8").trim();
    const newKey = randomBytes(32).toString("hex");
    const env = { ...process.env, DATABASE_URL: first.database.url, SWITCHBOARD_DATA_DIR: first.database.dataDir, SWITCHBOARD_SECRET_KEY: newKey, SWITCHBOARD_SECRET_KEYS_PREVIOUS: oldKey };
    const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/cli.ts", "rotate-secrets"], { cwd: ROOT, env, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("1 connection(s), 1 workflow(s), 1 workflow version(s)");

    // Only the new key from here on.
    second = await startTestServer(kind, { database: first.database, env: { SWITCHBOARD_SECRET_KEY: newKey } });
    const tested = await second.api<{ ok: boolean; message: string }>(`/api/connections/${connection.body.id}/test`, { method: "POST" });
    expect(tested.body).toMatchObject({ ok: true });
    const run = await waitForRun(second, await startManualRun(second, workflow.id));
    expect(run.status).toBe("completed");
    expect(api.count("/hook/rotate-hook-secret")).toBe(1);
  });
});
