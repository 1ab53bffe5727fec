import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { secretKeys } from "./keys";

const PREFIX = "enc:v1";

/** AES-256-GCM: `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts). */
export function encryptSecret(plaintext: string): string {
  const { current } = secretKeys();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [PREFIX, current.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

export function decryptSecret(blob: string): string {
  const parts = blob.split(":");
  if (parts.length !== 6 || `${parts[0]}:${parts[1]}` !== PREFIX) throw new Error("Not an encrypted secret");
  const [, , keyId, iv, tag, ciphertext] = parts;
  const key = secretKeys().all.find((k) => k.id === keyId);
  if (!key) throw new Error(`The key ${keyId} that encrypted this secret is not configured (see docs/deploy.md, rotating the secret key)`);
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

export function isEncrypted(value: string): boolean {
  return value.startsWith(`${PREFIX}:`);
}

/** Whether a blob was encrypted with an older key (and should be re-encrypted during a rotation). */
export function needsReencryption(blob: string): boolean {
  return blob.split(":")[2] !== secretKeys().current.id;
}

/** A hint safe to show in the UI: the last 4 characters of a long enough secret. */
export function maskSecret(secret: string): string {
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : "••••";
}
