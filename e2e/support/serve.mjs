// Serves the production build for the browser tests on a fresh SQLite database.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const next = path.join("node_modules", ".bin", "next");
if (!existsSync(".next/BUILD_ID")) {
  const build = spawnSync(next, ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-e2e-"));
const port = process.env.E2E_PORT ?? "3210";
// Playwright's API client reuses idle sockets longer than Node's default 5 s keep-alive: a request sent
// as the server closes its socket fails with ECONNRESET, so the server keeps idle sockets longer.
const server = spawn(process.execPath, ["scripts/serve.mjs", "--hostname", "127.0.0.1", "--port", port, "--keepAliveTimeout", "120000"], {
  stdio: "inherit",
  // The browser tests' workflows call local servers on 127.0.0.1: open them in the SSRF guard, and keep
  // per-host breakers off (tests fail calls on purpose; connection breakers still work).
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: port,
    DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
    SWITCHBOARD_DATA_DIR: dataDir,
    OUTBOUND_ALLOWLIST: "127.0.0.1/32,localhost",
    OUTBOUND_HOST_BREAKER: "off",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
