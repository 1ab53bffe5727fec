import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Integration tests run against the production build. `npm test` builds first; when a build
 * exists (e.g. running one file by hand) it is reused unless SWITCHBOARD_REBUILD=1.
 */
export default function setup() {
  const root = path.resolve(import.meta.dirname, "../..");
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && process.env.SWITCHBOARD_REBUILD !== "1") return;
  const result = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("next build failed");
}
