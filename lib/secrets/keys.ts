import { createHash, randomBytes } from "node:crypto";
import { dataFileSecret } from "@/lib/db/data-file-secret";

export interface SecretKey {
  /** Short fingerprint stored with each ciphertext, so the right key decrypts it after a rotation. */
  id: string;
  key: Buffer;
}

/**
 * The key that encrypts secrets at rest: SWITCHBOARD_SECRET_KEY (32 bytes as base64 or hex), or
 * one generated on first use into the data directory (owner-only). Keys listed in
 * SWITCHBOARD_SECRET_KEYS_PREVIOUS (comma-separated) still decrypt, for rotation.
 */
export function secretKeys(env: NodeJS.ProcessEnv = process.env): { current: SecretKey; all: SecretKey[] } {
  const current = toKey(env.SWITCHBOARD_SECRET_KEY ?? generatedKey(env), "SWITCHBOARD_SECRET_KEY");
  const previous = (env.SWITCHBOARD_SECRET_KEYS_PREVIOUS ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => toKey(k, "SWITCHBOARD_SECRET_KEYS_PREVIOUS"));
  return { current, all: [current, ...previous] };
}

function toKey(text: string, name: string): SecretKey {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, as 64 hex characters or base64`);
  return { id: createHash("sha256").update(key).digest("hex").slice(0, 8), key };
}

function generatedKey(env: NodeJS.ProcessEnv): string {
  return dataFileSecret("secret-key", () => randomBytes(32).toString("base64"), env);
}
