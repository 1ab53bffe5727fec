// `npm start`: builds the app when there is no build or the sources changed since the last one,
// then serves it with scripts/serve.mjs (PORT, default 3000; HOSTNAME, default 0.0.0.0). Database
// migration and the embedded engine start inside the server (instrumentation.ts).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "inngest", "prisma", "public", "instrumentation.ts", "proxy.ts", "next.config.js", "postcss.config.mjs", "package-lock.json"];
const STAMP = ".next/switchboard-source-hash";

function hashSources() {
  const hash = createHash("sha256");
  const visit = (entry) => {
    if (!existsSync(entry) || entry.includes(`${path.sep}generated`)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) for (const child of readdirSync(entry).sort()) visit(path.join(entry, child));
    else hash.update(`${entry}\0${stat.size}\0${stat.mtimeMs}\0`);
  };
  SOURCES.forEach(visit);
  return hash.digest("hex");
}

const next = path.join("node_modules", ".bin", "next");
const current = hashSources();
const built = existsSync(".next/BUILD_ID") && existsSync(STAMP) && readFileSync(STAMP, "utf8") === current;
if (!built) {
  console.log("Building Switchboard (first start or changed sources)...");
  const result = spawnSync(next, ["build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(STAMP, current);
}

await import("./serve.mjs");
