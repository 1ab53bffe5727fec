import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * Inngest request signatures: `t=<unix seconds>&s=<hex HMAC-SHA256>` over the RFC 8785 canonical
 * JSON of the body followed by the timestamp, keyed with the signing key minus its
 * "signkey-<env>-" prefix.
 */
const PREFIX = /^signkey-[\w]+-/;
const TOLERANCE_SECONDS = 5 * 60;

export function signBody(body: unknown, signingKey: string, now = Date.now()): string {
  const t = Math.round(now / 1000).toString();
  return `t=${t}&s=${mac(body, signingKey, t)}`;
}

export function verifySignature(header: string | null, body: unknown, signingKey: string, now = Date.now()): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const t = params.get("t");
  const s = params.get("s");
  if (!t || !s || !/^\d+$/.test(t)) return false;
  if (Math.abs(now / 1000 - Number(t)) > TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(mac(body, signingKey, t), "hex");
  const given = Buffer.from(s, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
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
