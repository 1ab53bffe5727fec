import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, listRuns, step, waitForRun } from "../support/workflows";

const SECRET = "whsec_integration_secret_42";

async function call(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(url, { method: init.method ?? "POST", body: init.body, headers: { "content-type": "application/json", ...init.headers } });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // text answer
  }
  return { status: response.status, headers: response.headers, body: body as Record<string, unknown> };
}

const hex = (data: string, secret = SECRET) => createHmac("sha256", secret).update(data).digest("hex");
const b64 = (data: string, secret = SECRET) => createHmac("sha256", secret).update(data).digest("base64");
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** How each provider signs a body, per its published scheme; `age` makes the timestamp stale. */
const PRESETS: Record<string, { config?: Record<string, unknown>; sign: (body: string, secret: string, age?: number) => Record<string, string>; stale?: boolean; header: string }> = {
  stripe: {
    header: "stripe-signature",
    stale: true,
    sign: (body, secret, age = 0) => {
      const t = nowSeconds() - age;
      return { "stripe-signature": `t=${t},v1=${hex(`${t}.${body}`, secret)}` };
    },
  },
  github: { header: "x-hub-signature-256", sign: (body, secret) => ({ "x-hub-signature-256": `sha256=${hex(body, secret)}`, "x-github-delivery": "d-1" }) },
  shopify: { header: "x-shopify-hmac-sha256", sign: (body, secret) => ({ "x-shopify-hmac-sha256": b64(body, secret) }) },
  slack: {
    header: "x-slack-signature",
    stale: true,
    sign: (body, secret, age = 0) => {
      const t = String(nowSeconds() - age);
      return { "x-slack-request-timestamp": t, "x-slack-signature": `v0=${hex(`v0:${t}:${body}`, secret)}` };
    },
  },
  hmac: {
    header: "x-signature",
    config: { header: "X-Signature", algorithm: "sha256", encoding: "hex", prefix: "sha256=" },
    sign: (body, secret) => ({ "x-signature": `sha256=${hex(body, secret)}` }),
  },
  header: { header: "x-webhook-token", config: { header: "X-Webhook-Token" }, sign: (_body, secret) => ({ "x-webhook-token": secret }) },
};

type Delivery = { id: string; outcome: string; reason: string | null; status: number; runId: string | null; headers: Record<string, string>; body: string | null };

async function deliveries(server: TestServer, workflowId: string): Promise<Delivery[]> {
  return (await server.api<{ deliveries: Delivery[] }>(`/api/workflows/${workflowId}/deliveries?limit=200`)).body.deliveries;
}

function webhookWorkflow(name: string, config: Record<string, unknown>, extra: Parameters<typeof chain>[1] = []) {
  return chain(name, [{ id: "hook", type: "trigger.webhook", config }, ...extra]);
}

describe.each(DATABASES)("webhook triggers on %s", (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.each(Object.keys(PRESETS))("%s signatures: signed starts a run; tampered, wrong secret, stale and missing get 401", async (scheme) => {
    const preset = PRESETS[scheme];
    const { id, webhookUrl } = await createWorkflow(server, webhookWorkflow(`Signed ${scheme}`, { signature: { scheme, secret: SECRET, ...preset.config } }));
    const body = JSON.stringify({ id: `evt_${scheme}`, amount: 42 });

    const good = await call(webhookUrl!, { body, headers: preset.sign(body, SECRET) });
    expect(good.status).toBe(202);
    const run = await waitForRun(server, good.body.runId as string);
    expect(run.status).toBe("completed");
    expect((step(run, "hook").output as { body: unknown }).body).toEqual({ id: `evt_${scheme}`, amount: 42 });

    const tamperedBody = JSON.stringify({ id: `evt_${scheme}`, amount: 4200 });
    const refusals = [
      await call(webhookUrl!, { body: tamperedBody, headers: preset.sign(body, SECRET) }),
      await call(webhookUrl!, { body, headers: preset.sign(body, "not-the-secret-at-all") }),
      await call(webhookUrl!, { body }),
      ...(preset.stale ? [await call(webhookUrl!, { body, headers: preset.sign(body, SECRET, 600) })] : []),
    ];
    // The static header scheme does not sign the body: a tampered body with the right secret passes.
    const expected = scheme === "header" ? [202, 401, 401] : refusals.map(() => 401);
    expect(refusals.map((r) => r.status)).toEqual(expected);

    const runs = await listRuns(server, id);
    expect(runs).toHaveLength(scheme === "header" ? 2 : 1);
    const recorded = await deliveries(server, id);
    const rejected = recorded.filter((d) => d.outcome === "rejected");
    expect(rejected.length).toBe(expected.filter((s) => s === 401).length);
    expect(rejected.every((d) => d.status === 401 && d.runId === null && !!d.reason)).toBe(true);
    // Signature headers are never stored in the clear.
    for (const delivery of recorded) if (delivery.headers[preset.header]) expect(delivery.headers[preset.header]).toBe("••••••");
    if (preset.stale) expect(rejected.some((d) => /tolerance/.test(d.reason!))).toBe(true);
  });

  it("100 deliveries with 30 repeated dedup keys start exactly 70 runs", async () => {
    const { id, webhookUrl } = await createWorkflow(server, webhookWorkflow("Dedup", { dedup: { source: "header", header: "Idempotency-Key" } }));
    const keys = [...Array.from({ length: 70 }, (_, i) => `key-${i}`), ...Array.from({ length: 30 }, (_, i) => `key-${(i * 7) % 70}`)];
    const answers: { status: number; body: Record<string, unknown> }[] = [];
    // 10 concurrent senders, so repeats race with their originals too.
    for (let i = 0; i < keys.length; i += 10) {
      answers.push(...(await Promise.all(keys.slice(i, i + 10).map((key, j) => call(webhookUrl!, { body: JSON.stringify({ n: i + j }), headers: { "idempotency-key": key } })))));
    }
    expect(answers.filter((a) => a.status === 202)).toHaveLength(70);
    expect(answers.filter((a) => a.status === 200 && a.body.duplicate === true)).toHaveLength(30);
    const runs = await listRuns(server, id);
    expect(runs).toHaveLength(70);
    // A duplicate answers with the first delivery's run.
    const byKey = new Map<string, string>();
    answers.forEach((a, i) => {
      const first = byKey.get(keys[i]);
      if (first) expect(a.body.runId).toBe(first);
      else byKey.set(keys[i], a.body.runId as string);
    });
    const recorded = await deliveries(server, id);
    expect(recorded.filter((d) => d.outcome === "duplicate")).toHaveLength(30);
  });

  it("dedups by a JSONata expression on the body (Stripe's event id)", async () => {
    const { id, webhookUrl } = await createWorkflow(server, webhookWorkflow("Dedup expression", { dedup: { source: "expression", expression: "body.id" } }));
    const first = await call(webhookUrl!, { body: JSON.stringify({ id: "evt_9", n: 1 }) });
    const again = await call(webhookUrl!, { body: JSON.stringify({ id: "evt_9", n: 2 }) });
    const other = await call(webhookUrl!, { body: JSON.stringify({ id: "evt_10" }) });
    expect([first.status, again.status, other.status]).toEqual([202, 200, 202]);
    expect(again.body).toEqual({ runId: first.body.runId, duplicate: true });
    expect(await listRuns(server, id)).toHaveLength(2);
  });

  it("parses form, XML and text bodies; enforces methods, size and rate limits", async () => {
    const { id, webhookUrl } = await createWorkflow(server, webhookWorkflow("Bodies", { methods: ["POST", "PUT"], maxBodyBytes: 200, rateLimitPerMinute: 5 }));
    const form = await call(webhookUrl!, { body: "name=Ada&tag=a&tag=b", headers: { "content-type": "application/x-www-form-urlencoded" } });
    const xml = await call(webhookUrl!, { method: "PUT", body: '<order id="7"><total>12</total></order>', headers: { "content-type": "application/xml" } });
    const text = await call(webhookUrl!, { body: "plain words", headers: { "content-type": "text/plain" } });
    expect([form.status, xml.status, text.status]).toEqual([202, 202, 202]);

    // The rejected calls follow at once: the limit (5 a minute) gives a call back every 12 s, so
    // waiting for the runs first could let the last call through on a busy machine.
    const badJson = await call(webhookUrl!, { body: "{nope" });
    expect(badJson.status).toBe(400);
    const wrongMethod = await call(webhookUrl!, { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST, PUT");
    const tooLarge = await call(webhookUrl!, { body: JSON.stringify({ x: "y".repeat(300) }) });
    expect(tooLarge.status).toBe(413);
    const limited = await call(webhookUrl!, { body: "{}" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const outputs = await Promise.all([form, xml, text].map(async (a) => (step(await waitForRun(server, a.body.runId as string), "hook").output as { body: unknown; method: string }).body));
    expect(outputs).toEqual([{ name: "Ada", tag: ["a", "b"] }, { order: { "@id": "7", total: 12 } }, "plain words"]);
    expect(await listRuns(server, id)).toHaveLength(3);
    const reasons = (await deliveries(server, id)).filter((d) => d.outcome === "rejected").map((d) => d.status);
    expect(reasons.sort()).toEqual([400, 405, 413, 429]);
  });

  it("respond mode: the run's Respond node sets the HTTP answer; past the timeout it is 202", async () => {
    const { webhookUrl } = await createWorkflow(
      server,
      webhookWorkflow("Respond", { response: { mode: "respond", timeoutMs: 20_000 } }, [
        { id: "reply", type: "action.respond", config: { status: 201, headers: { "x-answer": "yes" }, body: { greeting: "Hello {{ trigger.body.name }}" } } },
      ]),
    );
    const answered = await call(webhookUrl!, { body: JSON.stringify({ name: "Ada" }) });
    expect(answered.status).toBe(201);
    expect(answered.headers.get("x-answer")).toBe("yes");
    expect(answered.body).toEqual({ greeting: "Hello Ada" });

    const slow = await createWorkflow(
      server,
      webhookWorkflow("Respond too late", { response: { mode: "respond", timeoutMs: 300 } }, [
        { id: "wait", type: "flow.delay", config: { duration: "2s" } },
        { id: "reply", type: "action.respond", config: { status: 200, body: "late" } },
      ]),
    );
    const timedOut = await call(slow.webhookUrl!, { body: "{}" });
    expect(timedOut.status).toBe(202);
    const run = await waitForRun(server, timedOut.body.runId as string);
    expect(step(run, "reply").output).toMatchObject({ responded: false });
  });

  it("Respond outside a respond-mode webhook run does nothing and says so", async () => {
    const { webhookUrl } = await createWorkflow(server, webhookWorkflow("Immediate respond", {}, [{ id: "reply", type: "action.respond", config: { status: 200 } }]));
    const answer = await call(webhookUrl!, { body: "{}" });
    expect(answer.status).toBe(202);
    const run = await waitForRun(server, answer.body.runId as string);
    expect(run.status).toBe("completed");
    expect(step(run, "reply").output).toMatchObject({ responded: false, reason: expect.stringMatching(/immediate mode/) });
  });

  it("regenerating the URL retires the old one; inactive workflows answer 404 and start nothing", async () => {
    const { id, webhookUrl } = await createWorkflow(server, webhookWorkflow("Regenerate", {}));
    const regenerated = await server.api<{ webhookUrl: string }>(`/api/workflows/${id}/webhook-url`, { method: "POST" });
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.webhookUrl).not.toBe(webhookUrl);
    expect((await call(webhookUrl!, { body: "{}" })).status).toBe(404);
    expect((await call(regenerated.body.webhookUrl, { body: "{}" })).status).toBe(202);

    await server.api(`/api/workflows/${id}`, { method: "PATCH", body: { active: false } });
    expect((await call(regenerated.body.webhookUrl, { body: "{}" })).status).toBe(404);
    expect(await listRuns(server, id)).toHaveLength(1);
    const recorded = await deliveries(server, id);
    expect(recorded[0]).toMatchObject({ outcome: "rejected", status: 404, reason: "The workflow is inactive" });
  });

  it("re-sends a stored delivery as a new run and lists deliveries newest first with paging", async () => {
    const { id, webhookUrl } = await createWorkflow(server, webhookWorkflow("Resend", {}));
    const first = await call(webhookUrl!, { body: JSON.stringify({ order: 1 }), headers: { authorization: "Bearer secret-token" } });
    await call(webhookUrl!, { body: JSON.stringify({ order: 2 }) });
    const page = await server.api<{ deliveries: Delivery[]; nextCursor: string | null }>(`/api/workflows/${id}/deliveries?limit=1`);
    expect(page.body.deliveries[0].body).toBe(JSON.stringify({ order: 2 }));
    const next = await server.api<{ deliveries: Delivery[] }>(`/api/workflows/${id}/deliveries?limit=1&cursor=${page.body.nextCursor}`);
    const original = next.body.deliveries[0];
    expect(original.runId).toBe(first.body.runId);
    expect(original.headers.authorization).toBe("••••••");

    const resent = await server.api<{ runId: string; deliveryId: string }>(`/api/workflows/${id}/deliveries/${original.id}/resend`, { method: "POST" });
    expect(resent.status).toBe(202);
    const run = await waitForRun(server, resent.body.runId);
    expect((step(run, "hook").output as { body: unknown }).body).toEqual({ order: 1 });
    await waitFor(async () => (await listRuns(server, id)).length === 3, { what: "three runs" });
    expect((await server.api(`/api/workflows/${id}/deliveries/nope/resend`, { method: "POST" })).status).toBe(404);
  });
});

// `npm start` answers webhook URLs on its own listener (lib/triggers/webhook/node-intake.ts); a
// deployment that runs plain `next start` (or `next dev`) reaches the same pipeline through the
// Next.js route app/api/hooks/[token].
describe("webhook triggers under plain next start", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer("sqlite", { nextStart: true });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("verifies, stores and starts runs through the Next.js route", async () => {
    const preset = PRESETS.github;
    const { id, webhookUrl } = await createWorkflow(server, webhookWorkflow("Next route", { signature: { scheme: "github", secret: SECRET }, maxBodyBytes: 1024, methods: ["POST"] }));
    const body = JSON.stringify({ order: "n-1" });
    const good = await call(webhookUrl!, { body, headers: preset.sign(body, SECRET) });
    expect(good.status).toBe(202);
    const run = await waitForRun(server, good.body.runId as string);
    expect((step(run, "hook").output as { body: unknown }).body).toEqual({ order: "n-1" });

    expect((await call(webhookUrl!, { body, headers: preset.sign(body, "wrong") })).status).toBe(401);
    const big = "x".repeat(2048);
    expect((await call(webhookUrl!, { body: big, headers: preset.sign(big, SECRET) })).status).toBe(413);
    const put = await call(webhookUrl!, { method: "PUT", body, headers: preset.sign(body, SECRET) });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("POST");
    expect(await listRuns(server, id)).toHaveLength(1);
  });
});
