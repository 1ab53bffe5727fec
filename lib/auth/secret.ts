import { randomBytes } from "node:crypto";
import { dataFileSecret } from "@/lib/db/data-file-secret";

/** The secret better-auth signs session cookies with: BETTER_AUTH_SECRET, or generated once into the data directory. */
export function authSecret(env: NodeJS.ProcessEnv = process.env): string {
  return env.BETTER_AUTH_SECRET || dataFileSecret("auth-secret", () => randomBytes(32).toString("base64url"), env);
}
