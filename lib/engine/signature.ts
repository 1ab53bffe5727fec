import { createHash, createHmac } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * Inngest request signatures: `t=<unix seconds>&s=<hex HMAC-SHA256>` over the RFC 8785 canonical
 * JSON of the body followed by the timestamp, keyed with the signing key minus its
 * "signkey-<env>-" prefix.
 */
const PREFIX = /^signkey-[\w]+-/;

export function signBody(body: unknown, signingKey: string, now = Date.now()): string {
  const t = Math.round(now / 1000).toString();
  return `t=${t}&s=${mac(body, signingKey, t)}`;
}

/** The bearer token the SDK sends to the API: the prefix kept, the hex key replaced by its SHA-256. */
export function hashedSigningKey(signingKey: string): string {
  const prefix = signingKey.match(PREFIX)?.[0] ?? "";
  const key = signingKey.replace(PREFIX, "");
  return `${prefix}${createHash("sha256").update(Buffer.from(key, "hex")).digest("hex")}`;
}

function mac(body: unknown, signingKey: string, t: string): string {
  const encoded = typeof body === "string" ? body : (canonicalize(body) ?? "");
  return createHmac("sha256", signingKey.replace(PREFIX, "")).update(encoded + t).digest("hex");
}
