import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { webhookConfigSchema } from "@/lib/nodes/trigger-webhook";
import { BodyParseError, nestBrackets, parseBody } from "@/lib/triggers/webhook/parse";
import { maskedHeaders } from "@/lib/triggers/webhook/mask";
import { takeToken } from "@/lib/triggers/webhook/rate-limit";
import { signatureHeaders, verifySignature } from "@/lib/triggers/webhook/signature";

const SECRET = "whsec_test_0123456789";
const body = Buffer.from(JSON.stringify({ id: "evt_1", type: "order.paid" }));
const now = 1_800_000_000_000;
const t = Math.floor(now / 1000);
const hmacHex = (data: string | Buffer, secret = SECRET, alg = "sha256") => createHmac(alg, secret).update(data).digest("hex");

function signature(scheme: string, extra: Record<string, unknown> = {}) {
  return webhookConfigSchema.parse({ signature: { scheme, secret: SECRET, ...extra } }).signature;
}

describe("webhook signatures", () => {
  it("Stripe: t.body with v1, tolerance, any of several v1", () => {
    const config = signature("stripe");
    const good = new Headers({ "stripe-signature": `t=${t},v1=${hmacHex(`${t}.${body.toString()}`)}` });
    expect(verifySignature(config, SECRET, body, good, now)).toBeNull();
    const rolled = new Headers({ "stripe-signature": `t=${t},v1=${"0".repeat(64)},v1=${hmacHex(`${t}.${body.toString()}`)}` });
    expect(verifySignature(config, SECRET, body, rolled, now)).toBeNull();
    expect(verifySignature(config, SECRET, Buffer.from("tampered"), good, now)).toMatch(/does not match/);
    expect(verifySignature(config, SECRET, body, good, now + 301_000)).toMatch(/tolerance/);
    expect(verifySignature(config, SECRET, body, new Headers(), now)).toMatch(/Missing/);
  });

  it("GitHub: sha256=<hex> over the body", () => {
    const config = signature("github");
    expect(verifySignature(config, SECRET, body, new Headers({ "x-hub-signature-256": `sha256=${hmacHex(body)}` }), now)).toBeNull();
    expect(verifySignature(config, SECRET, body, new Headers({ "x-hub-signature-256": `sha256=${hmacHex(body, "wrong")}` }), now)).toMatch(/does not match/);
  });

  it("Shopify: base64 over the body", () => {
    const config = signature("shopify");
    const sig = createHmac("sha256", SECRET).update(body).digest("base64");
    expect(verifySignature(config, SECRET, body, new Headers({ "x-shopify-hmac-sha256": sig }), now)).toBeNull();
    expect(verifySignature(config, SECRET, body, new Headers({ "x-shopify-hmac-sha256": hmacHex(body) }), now)).toMatch(/does not match/);
  });

  it("Slack: v0:<ts>:<body> with the request timestamp", () => {
    const config = signature("slack");
    const headers = new Headers({ "x-slack-request-timestamp": String(t), "x-slack-signature": `v0=${hmacHex(`v0:${t}:${body.toString()}`)}` });
    expect(verifySignature(config, SECRET, body, headers, now)).toBeNull();
    expect(verifySignature(config, SECRET, body, headers, now - 600_000)).toMatch(/tolerance/);
    headers.delete("x-slack-request-timestamp");
    expect(verifySignature(config, SECRET, body, headers, now)).toMatch(/Timestamp header/);
  });

  it("Trello: base64 HMAC-SHA1 over the body followed by the webhook's URL", () => {
    const config = signature("trello");
    const url = "https://switchboard.example.com/api/hooks/abc";
    const headers = new Headers({ "x-trello-webhook": createHmac("sha1", SECRET).update(Buffer.concat([body, Buffer.from(url)])).digest("base64") });
    expect(verifySignature(config, SECRET, body, headers, now, url)).toBeNull();
    // Signed for another URL (a webhook pointed elsewhere and replayed here) does not pass.
    expect(verifySignature(config, SECRET, body, headers, now, `${url}x`)).toMatch(/does not match/);
    expect(verifySignature(config, SECRET, body, new Headers(), now, url)).toMatch(/Missing X-Trello-Webhook/);
  });

  it("HubSpot v3: base64 over method, URL, body and the millisecond timestamp", () => {
    const config = signature("hubspot");
    const url = "https://flows.example.com/api/hooks/tok_1";
    const sign = (method: string, at: number) => createHmac("sha256", SECRET).update(`${method}${url}${body.toString()}${at}`).digest("base64");
    const headers = (value: string, at = now) => new Headers({ "x-hubspot-signature-v3": value, "x-hubspot-request-timestamp": String(at) });
    expect(verifySignature(config, SECRET, body, headers(sign("POST", now)), now, url, "POST")).toBeNull();
    expect(verifySignature(config, SECRET, body, headers(sign("POST", now)), now, "https://elsewhere.example/api/hooks/tok_1", "POST")).toMatch(/does not match/);
    expect(verifySignature(config, SECRET, body, headers(sign("PUT", now)), now, url, "POST")).toMatch(/does not match/);
    expect(verifySignature(config, SECRET, body, headers(sign("POST", now - 600_000), now - 600_000), now, url, "POST")).toMatch(/tolerance/);
    expect(verifySignature(config, SECRET, body, new Headers({ "x-hubspot-signature-v3": sign("POST", now) }), now, url)).toMatch(/Missing X-HubSpot-Request-Timestamp/);
  });

  it("Zendesk: base64 over the ISO timestamp followed by the body", () => {
    const config = signature("zendesk");
    const at = new Date(now).toISOString();
    const good = new Headers({ "x-zendesk-webhook-signature-timestamp": at, "x-zendesk-webhook-signature": createHmac("sha256", SECRET).update(at + body.toString()).digest("base64") });
    expect(verifySignature(config, SECRET, body, good, now)).toBeNull();
    expect(verifySignature(config, SECRET, Buffer.from("tampered"), good, now)).toMatch(/does not match/);
    expect(verifySignature(config, SECRET, body, good, now + 301_000)).toMatch(/tolerance/);
    expect(verifySignature(config, SECRET, body, new Headers({ "x-zendesk-webhook-signature-timestamp": at }), now)).toMatch(/Missing X-Zendesk-Webhook-Signature header/);
  });

  it("Airtable: hmac-sha256=<hex> over the body with the base64-decoded MAC secret", () => {
    // Airtable issues macSecretBase64 when the webhook is created; the HMAC key is its decoded bytes.
    const macSecretBase64 = Buffer.from("airtable-mac-secret-bytes-0123456789").toString("base64");
    const config = webhookConfigSchema.parse({ signature: { scheme: "airtable", secret: macSecretBase64 } }).signature;
    const ping = Buffer.from(JSON.stringify({ base: { id: "appXXXXXXXXXXXXXX" }, webhook: { id: "achYYYYYYYYYYYYYY" }, timestamp: "2022-02-01T21:25:05.663Z" }));
    const mac = (key: Buffer | string, data: Buffer) => `hmac-sha256=${createHmac("sha256", key).update(data).digest("hex")}`;
    const good = new Headers({ "x-airtable-content-mac": mac(Buffer.from(macSecretBase64, "base64"), ping) });
    expect(verifySignature(config, macSecretBase64, ping, good)).toBeNull();
    // Keyed with the base64 text itself instead of its bytes: wrong.
    expect(verifySignature(config, macSecretBase64, ping, new Headers({ "x-airtable-content-mac": mac(macSecretBase64, ping) }))).toMatch(/does not match/);
    expect(verifySignature(config, Buffer.from("another secret").toString("base64"), ping, good)).toMatch(/does not match/);
    expect(verifySignature(config, macSecretBase64, Buffer.from("{}"), good)).toMatch(/does not match/);
    expect(verifySignature(config, macSecretBase64, ping, new Headers())).toMatch(/Missing X-Airtable-Content-MAC header/);
  });

  it("Twilio: base64 HMAC-SHA1 over the URL and the sorted form parameters (twilio-ruby's own test vector)", () => {
    const token = "2bd9e9638872de601313dc77410d3b23";
    const config = webhookConfigSchema.parse({ signature: { scheme: "twilio", secret: token } }).signature;
    const url = "http://twiliotests.heroku.com/validate/voice";
    const params = {
      ToState: "California", CalledState: "California", Direction: "inbound", FromState: "CA", AccountSid: "ACba8bc05eacf94afdae398e642c9cc32d", Caller: "+14153595711",
      CallerZip: "94108", CallerCountry: "US", From: "+14153595711", FromCity: "SAN FRANCISCO", CallerCity: "SAN FRANCISCO", To: "+14157669926", FromZip: "94108",
      FromCountry: "US", ToCity: "", CallStatus: "ringing", CalledCity: "", CallerState: "CA", CalledZip: "", ToZip: "", ToCountry: "US",
      CallSid: "CA136d09cd59a3c0ec8dbff44da5c03f31", CalledCountry: "US", Called: "+14157669926", ApiVersion: "2010-04-01", ApplicationSid: "AP44efecad51364e80b133bb7c07eb8204",
    };
    const form = Buffer.from(new URLSearchParams(params).toString());
    const headers = (value: string) => new Headers({ "x-twilio-signature": value });
    expect(verifySignature(config, token, form, headers("oVb2kXoVy8GEfwBDjR8bk/ZZ6eA="), now, url)).toBeNull();
    expect(verifySignature(config, token, form, headers("oVb2kXoVy8GEfwBDjR8bk/ZZ6eA="), now, `${url}?x=1`)).toMatch(/does not match/);
    expect(verifySignature(config, token, Buffer.from(new URLSearchParams({ ...params, Digits: "1" }).toString()), headers("oVb2kXoVy8GEfwBDjR8bk/ZZ6eA="), now, url)).toMatch(/does not match/);
    expect(verifySignature(config, token, form, new Headers(), now, url)).toMatch(/Missing X-Twilio-Signature/);
  });

  it("Basic auth: the password is the secret, whatever the user name", () => {
    const config = signature("basic");
    const basic = (credentials: string) => new Headers({ authorization: `Basic ${Buffer.from(credentials).toString("base64")}` });
    expect(verifySignature(config, SECRET, body, basic(`switchboard:${SECRET}`), now)).toBeNull();
    expect(verifySignature(config, SECRET, body, basic(`anyone:${SECRET}`), now)).toBeNull();
    // A password may hold colons: only the first separates the user name.
    expect(verifySignature(config, "a:b", body, basic("user:a:b"), now)).toBeNull();
    expect(verifySignature(config, SECRET, body, basic(`switchboard:${SECRET}x`), now)).toMatch(/Wrong Basic auth password/);
    expect(verifySignature(config, SECRET, body, basic(SECRET), now)).toMatch(/Wrong Basic auth password/);
    expect(verifySignature(config, SECRET, body, new Headers({ authorization: `Bearer ${SECRET}` }), now)).toMatch(/Missing Basic/);
  });

  it("generic HMAC: algorithm, encoding and prefix", () => {
    const config = signature("hmac", { header: "X-Sig", algorithm: "sha1", encoding: "base64", prefix: "sha1=" });
    const sig = `sha1=${createHmac("sha1", SECRET).update(body).digest("base64")}`;
    expect(verifySignature(config, SECRET, body, new Headers({ "x-sig": sig }), now)).toBeNull();
    expect(verifySignature(config, SECRET, body, new Headers({ "x-sig": sig.slice(5) }), now)).toMatch(/does not match/);
  });

  it("static header secret", () => {
    const config = signature("header", { header: "X-Token" });
    expect(verifySignature(config, SECRET, body, new Headers({ "x-token": SECRET }), now)).toBeNull();
    expect(verifySignature(config, SECRET, body, new Headers({ "x-token": "nope" }), now)).toMatch(/Wrong/);
  });

  it("config asks for a secret and a header where needed", () => {
    expect(webhookConfigSchema.safeParse({ signature: { scheme: "github" } }).success).toBe(false);
    expect(webhookConfigSchema.safeParse({ signature: { scheme: "hmac", secret: "x" } }).success).toBe(false);
    expect(webhookConfigSchema.parse({}).methods).toEqual(["POST"]);
  });
});

describe("webhook bodies", () => {
  it("reads bracketed form names as nested objects for apps that mean them so (Mailchimp)", () => {
    const form = parseBody("type=subscribe&data[email]=ada%40example.com&data[merges][FNAME]=Ada&data[merges][INTERESTS]=a&data[merges][INTERESTS]=b&odd[=x", "application/x-www-form-urlencoded") as Record<string, string | string[]>;
    expect(nestBrackets(form)).toEqual({ type: "subscribe", data: { email: "ada@example.com", merges: { FNAME: "Ada", INTERESTS: ["a", "b"] } }, "odd[": "x" });
  });

  it("parses JSON, forms, XML and text", () => {
    expect(parseBody(Buffer.from('{"a":1}'), "application/json; charset=utf-8")).toEqual({ a: 1 });
    expect(parseBody(Buffer.from("a=1&b=2&b=3"), "application/x-www-form-urlencoded")).toEqual({ a: "1", b: ["2", "3"] });
    expect(parseBody(Buffer.from('<order id="7"><total>12.5</total></order>'), "application/xml")).toEqual({ order: { "@id": "7", total: 12.5 } });
    expect(parseBody(Buffer.from("hello"), "text/plain")).toBe("hello");
    expect(parseBody(Buffer.from(""), "application/json")).toBeNull();
    expect(() => parseBody(Buffer.from("{"), "application/json")).toThrow(BodyParseError);
    expect(() => parseBody(Buffer.from("<a><b></a>"), "text/xml")).toThrow(BodyParseError);
  });

  it("masks credentials and signature headers", () => {
    const masked = maskedHeaders(new Headers({ authorization: "Bearer x", "x-hub-signature-256": "sha256=abc", "x-custom": "keep", "x-token": "s" }), ["x-token"]);
    expect(masked).toEqual({ authorization: "••••••", "x-hub-signature-256": "••••••", "x-custom": "keep", "x-token": "••••••" });
  });

  it("rate limit: a minute's allowance, then Retry-After", () => {
    const key = `test-${Math.random()}`;
    for (let i = 0; i < 3; i++) expect(takeToken(key, 3, 1000)).toBe(0);
    expect(takeToken(key, 3, 1000)).toBe(20);
    expect(takeToken(key, 3, 21_000)).toBe(0);
  });
});

/** A key pair as SendGrid makes one for a signed Event Webhook; the public key as it hands it out (base64 DER, SubjectPublicKeyInfo). */
function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { privateKey, publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64") };
}

const timestamp = String(t);
const { privateKey, publicKey } = keyPair();
const sendgridConfig = webhookConfigSchema.parse({ signature: { scheme: "sendgrid", secret: publicKey } }).signature;
const events = Buffer.from(JSON.stringify([{ email: "ada@example.com", event: "delivered", sg_event_id: "ev-1" }]));
/** As SendGrid signs: ECDSA with SHA-256 over the timestamp followed by the body, base64 of the DER signature. */
const signed = (payload: Buffer, at = timestamp, key = privateKey) =>
  new Headers({ "x-twilio-email-event-webhook-timestamp": at, "x-twilio-email-event-webhook-signature": sign("sha256", Buffer.concat([Buffer.from(at), payload]), key).toString("base64") });

describe("SendGrid signature (signed Event Webhook)", () => {
  it("accepts a delivery signed with the key pair's private key, checked with the issued public key", () => {
    expect(verifySignature(sendgridConfig, publicKey, events, signed(events), now)).toBeNull();
    // The key pasted as PEM (the generic Webhook trigger) works too.
    const pem = `-----BEGIN PUBLIC KEY-----\n${publicKey.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----`;
    expect(verifySignature(sendgridConfig, pem, events, signed(events), now)).toBeNull();
  });

  it("refuses another key pair, a tampered events, a stale timestamp and missing headers", () => {
    expect(verifySignature(sendgridConfig, keyPair().publicKey, events, signed(events), now)).toMatch(/does not match/);
    expect(verifySignature(sendgridConfig, publicKey, Buffer.from(events.toString().replace("delivered", "bounce")), signed(events), now)).toMatch(/does not match/);
    // The timestamp is signed too: a changed one does not match, an old one is outside the tolerance.
    const moved = signed(events);
    moved.set("x-twilio-email-event-webhook-timestamp", String(Number(timestamp) + 1));
    expect(verifySignature(sendgridConfig, publicKey, events, moved, now)).toMatch(/does not match/);
    expect(verifySignature(sendgridConfig, publicKey, events, signed(events), now + 301_000)).toMatch(/tolerance/);
    expect(verifySignature(sendgridConfig, publicKey, events, new Headers({ "x-twilio-email-event-webhook-timestamp": timestamp }), now)).toMatch(/Missing X-Twilio-Email-Event-Webhook-Signature header/);
    expect(verifySignature(sendgridConfig, publicKey, events, new Headers({ "x-twilio-email-event-webhook-signature": "MEUCIQ==" }), now)).toMatch(/Missing X-Twilio-Email-Event-Webhook-Timestamp header/);
    expect(verifySignature(sendgridConfig, publicKey, events, new Headers({ "x-twilio-email-event-webhook-timestamp": timestamp, "x-twilio-email-event-webhook-signature": "not a signature" }), now)).toMatch(/does not match/);
    expect(verifySignature(sendgridConfig, "not-a-key", events, signed(events), now)).toMatch(/not a public key/);
  });

  it("masks the signature header in stored deliveries; the Webhook trigger offers the scheme with a tolerance", () => {
    expect(signatureHeaders(sendgridConfig)).toEqual(["x-twilio-email-event-webhook-signature"]);
    expect(sendgridConfig.toleranceSeconds).toBe(300);
    expect(webhookConfigSchema.safeParse({ signature: { scheme: "sendgrid" } }).success).toBe(false);
  });
});
