import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDirectory } from "@/lib/db/config";

/**
 * The embedded engine signs its calls to /api/inngest like Inngest Cloud does, so the endpoint
 * is never an open door. The key comes from SWITCHBOARD_ENGINE_SIGNING_KEY or is generated once
 * into the data directory, readable by the owner only.
 */
export function embeddedSigningKey(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWITCHBOARD_ENGINE_SIGNING_KEY) return env.SWITCHBOARD_ENGINE_SIGNING_KEY;
  const dir = dataDirectory(env);
  const file = path.join(dir, "engine-signing-key");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const key = `signkey-prod-${randomBytes(32).toString("hex")}`;
    try {
      writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
      return key;
    } catch {
      // Another module instance created it first.
      return readFileSync(file, "utf8").trim();
    }
  }
}
