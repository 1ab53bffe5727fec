import { randomBytes } from "node:crypto";
import { dataFileSecret } from "@/lib/db/data-file-secret";

/**
 * The embedded engine signs its calls to /api/inngest like Inngest Cloud does, so the endpoint
 * is never an open door. The key comes from SWITCHBOARD_ENGINE_SIGNING_KEY or is generated once
 * into the data directory.
 */
export function embeddedSigningKey(env: NodeJS.ProcessEnv = process.env): string {
  return env.SWITCHBOARD_ENGINE_SIGNING_KEY || dataFileSecret("engine-signing-key", () => `signkey-prod-${randomBytes(32).toString("hex")}`, env);
}
