import { REDACTED } from "@/lib/document/secret-fields";

/** Headers that carry credentials or signatures; never stored or shown in the clear. */
const ALWAYS_MASKED = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "stripe-signature",
  "x-hub-signature",
  "x-hub-signature-256",
  "x-shopify-hmac-sha256",
  "x-slack-signature",
]);

/** The request headers as a plain object, with credential and signature headers (and `extra` ones) masked. */
export function maskedHeaders(headers: Headers, extra: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name] = ALWAYS_MASKED.has(name) || extra.includes(name) ? REDACTED : value;
  return out;
}
