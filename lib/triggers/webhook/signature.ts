import { createHmac, createPublicKey, timingSafeEqual, verify, type KeyObject } from "node:crypto";
import type { WebhookConfig } from "@/lib/nodes/trigger-webhook";

type SignatureConfig = WebhookConfig["signature"];

/** The header each scheme reads its signature from (masked in stored deliveries). */
export function signatureHeaders(config: SignatureConfig): string[] {
  switch (config.scheme) {
    case "hmac":
    case "header":
      return config.header ? [config.header.toLowerCase()] : [];
    case "stripe":
      return ["stripe-signature"];
    case "github":
      return ["x-hub-signature-256"];
    case "shopify":
      return ["x-shopify-hmac-sha256"];
    case "slack":
      return ["x-slack-signature"];
    case "basic":
      return ["authorization"];
    case "trello":
      return ["x-trello-webhook"];
    case "hubspot":
      return ["x-hubspot-signature-v3"];
    case "zendesk":
      return ["x-zendesk-webhook-signature"];
    case "twilio":
      return ["x-twilio-signature"];
    case "airtable":
      return ["x-airtable-content-mac"];
    case "sendgrid":
      return ["x-twilio-email-event-webhook-signature"];
    default:
      return [];
  }
}

function hmac(algorithm: "sha256" | "sha1", secret: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac(algorithm, secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Constant-time comparison of two strings (a length difference is not secret: digests have fixed lengths). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A public key given as base64 DER (SubjectPublicKeyInfo, as SendGrid issues it) or as PEM; undefined if it is neither. */
function publicKeyOf(text: string): KeyObject | undefined {
  try {
    return text.includes("-----BEGIN") ? createPublicKey(text) : createPublicKey({ key: Buffer.from(text.replace(/\s+/g, ""), "base64"), format: "der", type: "spki" });
  } catch {
    return undefined;
  }
}

/** Whether `signature` (base64 DER) is an ECDSA signature with SHA-256 of `data` by `key`'s private key; a key of another type or a signature that is no DER is not. */
function ecdsaValid(key: KeyObject, data: Buffer, signature: string): boolean {
  try {
    return verify("sha256", data, { key, dsaEncoding: "der" }, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

function withinTolerance(timestamp: number, toleranceSeconds: number, nowMs: number): boolean {
  return Number.isFinite(timestamp) && Math.abs(nowMs / 1000 - timestamp) <= toleranceSeconds;
}

/**
 * Verifies a delivery's signature over the raw request bytes; returns why it fails, or null.
 * Schemes follow each provider's documentation:
 * - Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=...]`, HMAC-SHA256 over `<t>.<body>`, tolerance.
 * - GitHub: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 over the body.
 * - Shopify: `X-Shopify-Hmac-Sha256: <base64>`, HMAC-SHA256 over the body.
 * - Slack: `X-Slack-Signature: v0=<hex>`, HMAC-SHA256 over `v0:<X-Slack-Request-Timestamp>:<body>`, tolerance.
 * - Trello: `X-Trello-Webhook: <base64>`, HMAC-SHA1 over the body followed by the webhook's URL
 *   (`url`: the URL as the app was given it).
 * - Basic: `Authorization: Basic <base64 of user:password>` whose password is the secret, any user
 *   name (Pipedrive sends the credentials it was given at registration).
 * - HubSpot (v3): `X-HubSpot-Signature-v3: <base64>`, HMAC-SHA256 over method, URL, body and
 *   `X-HubSpot-Request-Timestamp` (milliseconds), tolerance.
 * - Zendesk: `X-Zendesk-Webhook-Signature: <base64>`, HMAC-SHA256 over
 *   `X-Zendesk-Webhook-Signature-Timestamp` (ISO 8601) followed by the body, tolerance.
 * - Twilio: `X-Twilio-Signature: <base64>`, HMAC-SHA1 over the URL followed by each form parameter's
 *   name and value, sorted by name (no timestamp: Twilio signs none).
 * - Airtable: `X-Airtable-Content-MAC: hmac-sha256=<hex>`, HMAC-SHA256 over the body with the
 *   webhook's `macSecretBase64` decoded from base64 (the secret is kept as Airtable issued it;
 *   no timestamp: Airtable signs none, and a notification starts nothing by itself).
 * - SendGrid: `X-Twilio-Email-Event-Webhook-Signature: <base64 DER>`, ECDSA (P-256) with SHA-256
 *   over `X-Twilio-Email-Event-Webhook-Timestamp` (unix seconds) followed by the body, checked with
 *   the public key SendGrid issues (the "secret": base64 DER, or PEM), tolerance.
 */
export function verifySignature(config: SignatureConfig, secret: string | undefined, raw: Buffer, headers: Headers, nowMs = Date.now(), url = "", method = "POST"): string | null {
  if (config.scheme === "none") return null;
  if (!secret) return "No signing secret is configured";
  const header = (name: string) => headers.get(name)?.trim() ?? "";
  const outsideTolerance = (seconds: number) => (withinTolerance(seconds, config.toleranceSeconds, nowMs) ? null : `Timestamp outside the tolerance of ${config.toleranceSeconds}s`);
  /** A signature header and its timestamp header, both present and the timestamp (read as epoch seconds by `seconds`) within tolerance; else why not. */
  const timestamped = (signatureHeader: string, timestampHeader: string, seconds: (timestamp: string) => number): { value: string; timestamp: string } | string => {
    const value = header(signatureHeader);
    const timestamp = header(timestampHeader);
    if (!value) return `Missing ${signatureHeader} header`;
    if (!timestamp) return `Missing ${timestampHeader} header`;
    return outsideTolerance(seconds(timestamp)) ?? { value, timestamp };
  };
  switch (config.scheme) {
    case "header": {
      const value = header(config.header ?? "");
      if (!value) return `Missing ${config.header} header`;
      return safeEqual(value, secret) ? null : `Wrong ${config.header} header`;
    }
    case "hmac": {
      const value = header(config.header ?? "");
      if (!value) return `Missing ${config.header} header`;
      const expected = (config.prefix ?? "") + hmac(config.algorithm, secret, raw).toString(config.encoding);
      return safeEqual(value, expected) ? null : "Signature does not match";
    }
    case "github": {
      const value = header("x-hub-signature-256");
      if (!value) return "Missing X-Hub-Signature-256 header";
      return safeEqual(value, `sha256=${hmac("sha256", secret, raw).toString("hex")}`) ? null : "Signature does not match";
    }
    case "shopify": {
      const value = header("x-shopify-hmac-sha256");
      if (!value) return "Missing X-Shopify-Hmac-Sha256 header";
      return safeEqual(value, hmac("sha256", secret, raw).toString("base64")) ? null : "Signature does not match";
    }
    case "stripe": {
      const value = header("stripe-signature");
      if (!value) return "Missing Stripe-Signature header";
      const parts = value.split(",").map((p) => p.trim().split("="));
      const t = parts.find(([k]) => k === "t")?.[1];
      const signatures = parts.filter(([k]) => k === "v1").map(([, v]) => v ?? "");
      if (!t || !signatures.length) return "Stripe-Signature has no t= or v1= part";
      const stale = outsideTolerance(Number(t));
      if (stale) return stale;
      const expected = hmac("sha256", secret, `${t}.`, raw).toString("hex");
      // Compare with every v1 (Stripe sends several while a secret is rolled); no early exit.
      const matches = signatures.map((s) => safeEqual(s, expected));
      return matches.includes(true) ? null : "Signature does not match";
    }
    case "trello": {
      const value = header("x-trello-webhook");
      if (!value) return "Missing X-Trello-Webhook header";
      return safeEqual(value, hmac("sha1", secret, raw, url).toString("base64")) ? null : "Signature does not match";
    }
    case "basic": {
      const credentials = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header("authorization"))?.[1];
      if (!credentials) return "Missing Basic Authorization header";
      const decoded = Buffer.from(credentials, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      return colon >= 0 && safeEqual(decoded.slice(colon + 1), secret) ? null : "Wrong Basic auth password";
    }
    case "hubspot": {
      const signed = timestamped("X-HubSpot-Signature-v3", "X-HubSpot-Request-Timestamp", (ms) => Number(ms) / 1000);
      if (typeof signed === "string") return signed;
      const { value, timestamp } = signed;
      return safeEqual(value, hmac("sha256", secret, method, url, raw, timestamp).toString("base64")) ? null : "Signature does not match";
    }
    case "twilio": {
      const value = header("x-twilio-signature");
      if (!value) return "Missing X-Twilio-Signature header";
      const params = [...new URLSearchParams(raw.toString("utf8"))].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
      return safeEqual(value, hmac("sha1", secret, url, ...params.map(([name, param]) => name + param)).toString("base64")) ? null : "Signature does not match";
    }
    case "airtable": {
      const value = header("x-airtable-content-mac");
      if (!value) return "Missing X-Airtable-Content-MAC header";
      return safeEqual(value, `hmac-sha256=${hmac("sha256", Buffer.from(secret, "base64"), raw).toString("hex")}`) ? null : "Signature does not match";
    }
    case "sendgrid": {
      const signed = timestamped("X-Twilio-Email-Event-Webhook-Signature", "X-Twilio-Email-Event-Webhook-Timestamp", Number);
      if (typeof signed === "string") return signed;
      const { value, timestamp } = signed;
      const key = publicKeyOf(secret);
      if (!key) return "The verification key is not a public key (base64 DER or PEM)";
      return ecdsaValid(key, Buffer.concat([Buffer.from(timestamp, "utf8"), raw]), value) ? null : "Signature does not match";
    }
    case "zendesk": {
      const signed = timestamped("X-Zendesk-Webhook-Signature", "X-Zendesk-Webhook-Signature-Timestamp", (iso) => Date.parse(iso) / 1000);
      if (typeof signed === "string") return signed;
      const { value, timestamp } = signed;
      return safeEqual(value, hmac("sha256", secret, timestamp, raw).toString("base64")) ? null : "Signature does not match";
    }
    case "slack": {
      const signed = timestamped("X-Slack-Signature", "X-Slack-Request-Timestamp", Number);
      if (typeof signed === "string") return signed;
      const { value, timestamp } = signed;
      const expected = `v0=${hmac("sha256", secret, `v0:${timestamp}:`, raw).toString("hex")}`;
      return safeEqual(value, expected) ? null : "Signature does not match";
    }
  }
}
