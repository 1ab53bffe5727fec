import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { Agent, buildConnector } from "undici";
import { describe, expect, it } from "vitest";
import { applyHttpAuth } from "@/lib/connections/http-auth";
import type { LoadedConnection } from "@/lib/connections/store";
import { connectionSchemas } from "@/lib/connections/types";
import { admit, breakerSettings, freshRecord, recordOutcome, type CircuitRecord } from "@/lib/outbound/breaker";
import { guardedConnector, guardedFetch } from "@/lib/outbound/http";
import { intervalMs, nextSlot } from "@/lib/outbound/rate-limit";
import { Redactor } from "@/lib/outbound/redact";
import { blockedRange, OutboundBlockedError, parseAllowlist, resolveAllowed } from "@/lib/outbound/ssrf";
import { linkHeaderNext } from "@/lib/nodes/action-http";

describe("SSRF guard", () => {
  it("classifies loopback, private, link-local (metadata) and other non-public addresses", () => {
    expect(blockedRange("127.0.0.1")).toBe("loopback");
    expect(blockedRange("10.0.0.1")).toBe("private");
    expect(blockedRange("192.168.1.20")).toBe("private");
    expect(blockedRange("172.16.0.1")).toBe("private");
    expect(blockedRange("169.254.169.254")).toBe("linkLocal");
    expect(blockedRange("0.0.0.0")).toBe("unspecified");
    expect(blockedRange("::1")).toBe("loopback");
    expect(blockedRange("fd00:ec2::254")).toBe("uniqueLocal");
    expect(blockedRange("::ffff:127.0.0.1")).toBe("loopback");
    expect(blockedRange("100.64.0.1")).toBe("carrierGradeNat");
    expect(blockedRange("93.184.216.34")).toBeNull();
    expect(blockedRange("2606:4700::1111")).toBeNull();
  });

  it("refuses blocked targets unless the allowlist opens them (CIDR, address or host name)", async () => {
    const none = parseAllowlist("");
    const lookup = async (host: string) => (host === "internal.test" ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "93.184.216.34", family: 4 }]);
    for (const host of ["127.0.0.1", "10.0.0.1", "169.254.169.254", "[::1]", "internal.test"]) {
      await expect(resolveAllowed(host, { allowlist: none, lookup })).rejects.toBeInstanceOf(OutboundBlockedError);
    }
    await expect(resolveAllowed("public.test", { allowlist: none, lookup })).resolves.toEqual({ address: "93.184.216.34", family: 4 });
    await expect(resolveAllowed("127.0.0.1", { allowlist: parseAllowlist("127.0.0.1/32"), lookup })).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(resolveAllowed("127.0.0.1", { allowlist: parseAllowlist("127.0.0.0/8"), lookup })).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(resolveAllowed("internal.test", { allowlist: parseAllowlist("internal.test"), lookup })).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(resolveAllowed("internal.test", { allowlist: parseAllowlist("*.test"), lookup })).resolves.toMatchObject({ address: "127.0.0.1" });
    await expect(resolveAllowed("10.0.0.1", { allowlist: parseAllowlist("127.0.0.1/32, localhost"), lookup })).rejects.toThrow(/private-network addresses are blocked.*OUTBOUND_ALLOWLIST/);
  });

  it("refuses a host when any of its addresses is blocked", async () => {
    const lookup = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.1.2.3", family: 4 },
    ];
    await expect(resolveAllowed("mixed.test", { allowlist: parseAllowlist(""), lookup })).rejects.toThrow(/10\.1\.2\.3/);
  });

  it("never opens a socket to a refused target: the connector checks before it connects", async () => {
    const attempts: string[] = [];
    const base = ((options: { hostname: string }, callback: (error: Error | null, socket: null) => void) => {
      attempts.push(options.hostname);
      callback(new Error("test connector: no network here"), null);
    }) as never;
    const lookup = async (host: string) => (host === "metadata.test" ? [{ address: "169.254.169.254", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]);
    const agent = new Agent({ connect: guardedConnector({ base, allowlist: parseAllowlist(""), lookup }) });
    for (const url of ["http://127.0.0.1:59999/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://localhost:59999/", "http://metadata.test/"]) {
      const error = await guardedFetch(url, {}, { dispatcher: agent }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error & { cause?: unknown }).cause).toBeInstanceOf(OutboundBlockedError);
    }
    expect(attempts).toEqual([]);
    await agent.close();
  });

  it("checks every redirect hop, and connects to the checked address", async () => {
    let hits = 0;
    const server: Server = createServer((req, res) => {
      hits++;
      if (req.url === "/hop") res.writeHead(302, { location: "http://10.0.0.1/secret" }).end();
      else if (req.url === "/local") res.writeHead(302, { location: "/done" }).end();
      else res.end(`ok ${req.url}`);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const connected: string[] = [];
    const allowlist = parseAllowlist("127.0.0.1/32");
    const real = buildConnector({});
    const base: typeof real = (options, callback) => {
      connected.push(options.hostname);
      real(options, callback);
    };
    const agent = new Agent({ connect: guardedConnector({ allowlist, base }) });
    const error = await guardedFetch(`http://127.0.0.1:${port}/hop`, {}, { dispatcher: agent }).catch((e: Error) => e);
    expect((error as Error & { cause?: unknown }).cause).toBeInstanceOf(OutboundBlockedError);
    const ok = await guardedFetch(`http://127.0.0.1:${port}/local`, {}, { dispatcher: agent });
    expect(await ok.text()).toBe("ok /done");
    expect(connected.every((h) => h === "127.0.0.1")).toBe(true);
    expect(hits).toBe(3);
    await agent.close();
    server.close();
  });
});

describe("circuit breaker transitions", () => {
  const settings = breakerSettings({ failureThreshold: 3, cooldownSeconds: 30, minimumCalls: 4, errorRatePercent: 50, windowSeconds: 60 });
  const t0 = 1_000_000;

  it("opens after N consecutive failures, refuses until the cooldown, then admits one trial", () => {
    let record: CircuitRecord = freshRecord(t0);
    for (let i = 0; i < 2; i++) record = recordOutcome(record, t0 + i, false, settings, false, "HTTP 500");
    expect(record.state).toBe("closed");
    record = recordOutcome(record, t0 + 3, false, settings, false, "HTTP 500");
    expect(record.state).toBe("open");
    expect(record.openUntil).toBe(t0 + 3 + 30_000);
    expect(admit(record, t0 + 10_000).decision).toBe("reject");
    const trial = admit(record, t0 + 31_000);
    expect(trial.decision).toBe("trial");
    expect(trial.next!.state).toBe("half_open");
    expect(admit(trial.next!, t0 + 31_001).decision).toBe("reject");
    expect(recordOutcome(trial.next!, t0 + 31_100, true, settings, true).state).toBe("closed");
    const reopened = recordOutcome(trial.next!, t0 + 31_100, false, settings, true, "HTTP 503");
    expect(reopened.state).toBe("open");
    expect(reopened.openUntil).toBe(t0 + 31_100 + 30_000);
  });

  it("a success resets the consecutive count; the error rate over the window also opens it", () => {
    let record = freshRecord(t0);
    for (const ok of [true, false, true, false]) record = recordOutcome(record, t0, ok, settings, false);
    expect(record.state).toBe("open"); // 2 of 4 failed = 50 %
    let spread = freshRecord(t0);
    for (const ok of [false, true, false]) spread = recordOutcome(spread, t0, ok, settings, false);
    expect(spread.state).toBe("closed"); // fewer than minimumCalls
    spread = recordOutcome(spread, t0 + 61_000, false, settings, false); // a new window
    expect(spread.windowCalls).toBe(1);
  });

  it("ignores late outcomes of calls admitted before the breaker opened", () => {
    const open = { ...freshRecord(t0), state: "open" as const, openUntil: t0 + 30_000 };
    expect(recordOutcome(open, t0 + 1, true, settings, false)).toBe(open);
  });
});

describe("rate limit (GCRA without bursts)", () => {
  it("spaces slots at least the interval apart, 20% wider than the limit", () => {
    const interval = intervalMs({ requests: 10, per: "second" });
    expect(interval).toBeCloseTo(120);
    expect(intervalMs({ requests: 6, per: "minute" })).toBeCloseTo(12_000);
    let tat = 0;
    const slots: number[] = [];
    for (let i = 0; i < 50; i++) {
      const next = nextSlot(tat, 5000, interval);
      slots.push(next.slot);
      tat = next.tat;
    }
    for (let i = 10; i < slots.length; i++) expect(slots[i] - slots[i - 10]).toBeGreaterThanOrEqual(1000);
    expect(nextSlot(100, 5000, interval).slot).toBe(5000); // an idle bucket does not bank tokens
  });
});

describe("redaction", () => {
  it("masks secrets (and their URL-encoded forms) in nested values, keys and errors", () => {
    const redactor = new Redactor();
    redactor.add(["s3cr3t/value", "abc", undefined]);
    const value = redactor.value({ headers: { authorization: "Bearer s3cr3t/value" }, url: "https://x/?k=s3cr3t%2Fvalue", list: ["abc"], n: 1 });
    expect(JSON.stringify(value)).not.toContain("s3cr3t");
    expect(value.list).toEqual(["abc"]); // too short to search for
    const error = redactor.error(Object.assign(new Error("denied for s3cr3t/value"), { details: { echo: "s3cr3t/value" } }));
    expect(error.message).toBe("denied for ••••••");
    expect(JSON.stringify((error as unknown as { details: unknown }).details)).not.toContain("s3cr3t");
  });
});

describe("HTTP credentials", () => {
  const connection = (type: LoadedConnection["type"], config: Record<string, unknown>, secrets: Record<string, string>): LoadedConnection => ({ id: "conn_1", name: "c", type, config, secrets, updatedAt: new Date(0) });

  it("applies API keys, bearer tokens, basic auth and HMAC signatures, and reports the secret values", async () => {
    const header = await applyHttpAuth(connection("apiKey", { in: "header", name: "X-Key" }, { key: "k-123456" }), new URL("https://a.test/x"), new Headers(), undefined);
    expect(header.headers.get("x-key")).toBe("k-123456");
    const query = await applyHttpAuth(connection("apiKey", { in: "query", name: "api_key" }, { key: "k-123456" }), new URL("https://a.test/x"), new Headers(), undefined);
    expect(query.url.searchParams.get("api_key")).toBe("k-123456");
    const bearer = await applyHttpAuth(connection("bearer", {}, { token: "tok-abcdef" }), new URL("https://a.test"), new Headers(), undefined);
    expect(bearer.headers.get("authorization")).toBe("Bearer tok-abcdef");
    const basic = await applyHttpAuth(connection("basic", { username: "ann" }, { password: "pw-secret" }), new URL("https://a.test"), new Headers(), undefined);
    expect(basic.headers.get("authorization")).toBe(`Basic ${Buffer.from("ann:pw-secret").toString("base64")}`);
    expect(basic.secretValues).toContain(Buffer.from("ann:pw-secret").toString("base64"));
    const hmac = await applyHttpAuth(connection("hmac", { header: "X-Sig", algorithm: "sha256", encoding: "hex", prefix: "sha256=" }, { secret: "whsec-1" }), new URL("https://a.test"), new Headers(), '{"a":1}');
    expect(hmac.headers.get("x-sig")).toBe(`sha256=${createHmac("sha256", "whsec-1").update('{"a":1}').digest("hex")}`);
  });

  it("writes an API key through its value format, into the URL path, or as the whole webhook URL", async () => {
    const bot = await applyHttpAuth(connection("apiKey", { in: "header", name: "Authorization", format: "Bot {key}" }, { key: "tok-123456" }), new URL("https://a.test/x"), new Headers(), undefined);
    expect(bot.headers.get("authorization")).toBe("Bot tok-123456");
    expect(bot.secretValues).toEqual(expect.arrayContaining(["tok-123456", "Bot tok-123456"]));

    const inPath = await applyHttpAuth(connection("apiKey", { in: "path" }, { key: "123:AbC/d" }), new URL("https://api.test/bot{key}/sendMessage?x=1"), new Headers(), undefined);
    expect(inPath.url.href).toBe("https://api.test/bot123:AbC%2Fd/sendMessage?x=1");
    expect(inPath.secretValues).toContain("123:AbC%2Fd");
    await expect(applyHttpAuth(connection("apiKey", { in: "path" }, { key: "k-123456" }), new URL("https://api.test/no-placeholder"), new Headers(), undefined)).rejects.toThrow("no {key} in its path");

    const hook = connection("apiKey", { in: "url" }, { key: "https://hooks.test/webhookb2/secret-part?sig=abc" });
    expect((await applyHttpAuth(hook, new URL("https://ignored.invalid/"), new Headers(), undefined)).url.href).toBe("https://hooks.test/webhookb2/secret-part?sig=abc");
    expect((await applyHttpAuth(hook, new URL("https://ignored.invalid/messages?wait=true"), new Headers(), undefined)).url.href).toBe("https://hooks.test/webhookb2/secret-part/messages?sig=abc&wait=true");
    await expect(applyHttpAuth(connection("apiKey", { in: "url" }, { key: "not a url" }), new URL("https://ignored.invalid/"), new Headers(), undefined)).rejects.toThrow("should be a whole URL");
  });

  it("validates each type's config and secrets", () => {
    expect(connectionSchemas("apiKey").config.safeParse({}).success).toBe(true); // defaults fill in
    expect(connectionSchemas("apiKey").secrets.safeParse({}).success).toBe(false);
    expect(connectionSchemas("oauth2").config.safeParse({ tokenUrl: "ftp://x", clientId: "a" }).success).toBe(false);
    expect(connectionSchemas("redis").config.parse({ host: "127.0.0.1" })).toMatchObject({ port: 6379, db: 0 });
    expect(connectionSchemas("bearer").config.safeParse({ rateLimit: { requests: 10, per: "second" } }).success).toBe(true);
    expect(connectionSchemas("bearer").config.safeParse({ rateLimit: { requests: 0 } }).success).toBe(false);
  });
});

describe("pagination helpers", () => {
  it("reads rel=next from Link headers", () => {
    expect(linkHeaderNext('<https://a.test/items?page=2>; rel="next", <https://a.test/items?page=9>; rel="last"')).toBe("https://a.test/items?page=2");
    expect(linkHeaderNext('<https://a.test/items?page=9>; rel="last"')).toBeNull();
    expect(linkHeaderNext(undefined)).toBeNull();
  });
});
