import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startLocalApi, type LocalApi, type RecordedRequest } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow, startManualRun, step, waitForRun } from "../support/workflows";

const SLACK_TOKEN = "xoxb-test-5550001-slacksecret";
const STRIPE_KEY = "sk_test_51FakeStripeSecretKey";

/**
 * Fakes of the two providers on 127.0.0.1, answering as their API references describe:
 * Slack's Web API (HTTP 200 with `{ ok }`, Bearer bot token, JSON bodies for chat.postMessage,
 * query arguments for reads) and Stripe's (form-encoded bodies with bracket notation, Bearer secret
 * key, Idempotency-Key replaying the first answer, `{ error: { type, message } }` errors).
 */
function fakeSlack(api: LocalApi) {
  const members = new Map([["ann@example.com", { id: "W012A3CDE", name: "ann", real_name: "Ann Smith", profile: { email: "ann@example.com", real_name: "Ann Smith" } }]]);
  const channels = new Set(["C0SALES"]);
  const authed = (req: RecordedRequest, res: ServerResponse) => {
    if (req.headers.authorization === `Bearer ${SLACK_TOKEN}`) return true;
    json(res, 200, { ok: false, error: req.headers.authorization ? "invalid_auth" : "not_authed" });
    return false;
  };
  api.setHandler("/slack/api/users.lookupByEmail", (req, res) => {
    if (!authed(req, res)) return;
    const user = members.get(new URL(req.url, "http://x").searchParams.get("email") ?? "");
    json(res, 200, user ? { ok: true, user } : { ok: false, error: "users_not_found" });
  });
  api.setHandler("/slack/api/chat.postMessage", (req, res) => {
    if (!authed(req, res)) return;
    if (!String(req.headers["content-type"]).startsWith("application/json")) return json(res, 200, { ok: false, error: "invalid_arguments" });
    const args = JSON.parse(req.body) as { channel?: string; text?: string };
    if (!args.channel || !channels.has(args.channel)) return json(res, 200, { ok: false, error: "channel_not_found" });
    const ts = "1700000000.000100";
    json(res, 200, { ok: true, channel: args.channel, ts, message: { type: "message", subtype: "bot_message", text: args.text, bot_id: "B0BOT", ts } });
  });
}

function fakeStripe(api: LocalApi) {
  const replays = new Map<string, { status: number; body: unknown }>();
  let failNextPaymentIntent = 0;
  const handle = (create: (form: URLSearchParams) => { status: number; body: unknown }) => (req: RecordedRequest, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${STRIPE_KEY}`) return json(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
    if (req.headers["content-type"] !== "application/x-www-form-urlencoded") return json(res, 400, { error: { type: "invalid_request_error", message: "Expected a form-encoded body" } });
    const key = req.headers["idempotency-key"] as string | undefined;
    const replay = key ? replays.get(`${req.path}|${key}`) : undefined;
    if (replay) {
      res.writeHead(replay.status, { "content-type": "application/json", "idempotent-replayed": "true" });
      res.end(JSON.stringify(replay.body));
      return;
    }
    const answer = create(new URLSearchParams(req.body));
    // Stripe does not store answers to requests that failed with a 5xx: a retry runs again.
    if (key && answer.status < 500) replays.set(`${req.path}|${key}`, answer);
    json(res, answer.status, answer.body);
  };
  let ids = 0;
  api.setHandler(
    "/stripe/v1/customers",
    handle((form) => ({ status: 200, body: { id: `cus_${++ids}`, object: "customer", email: form.get("email"), name: form.get("name"), metadata: metadataOf(form) } })),
  );
  api.setHandler(
    "/stripe/v1/payment_intents",
    handle((form) => {
      if (failNextPaymentIntent > 0) {
        failNextPaymentIntent--;
        return { status: 500, body: { error: { type: "api_error", message: "Something went wrong on Stripe's end." } } };
      }
      const amount = Number(form.get("amount"));
      if (!Number.isInteger(amount) || amount < 1) return { status: 400, body: { error: { type: "invalid_request_error", code: "parameter_invalid_integer", param: "amount", message: "Invalid integer: " + form.get("amount") } } };
      return {
        status: 200,
        body: { id: `pi_${++ids}`, object: "payment_intent", amount, currency: form.get("currency"), customer: form.get("customer"), status: "requires_payment_method", automatic_payment_methods: { enabled: form.get("automatic_payment_methods[enabled]") === "true" }, metadata: metadataOf(form) },
      };
    }),
  );
  return {
    failNextPaymentIntent(times: number) {
      failNextPaymentIntent = times;
    },
  };
}

function metadataOf(form: URLSearchParams): Record<string, string> {
  return Object.fromEntries([...form].filter(([k]) => k.startsWith("metadata[")).map(([k, v]) => [k.slice(9, -1), v]));
}

const trigger = { id: "start", type: "trigger.manual", config: {} };

describe("app connectors in real runs (sqlite)", () => {
  let server: TestServer;
  let api: LocalApi;
  let stripe: ReturnType<typeof fakeStripe>;
  let slackConnection: string;
  let stripeConnection: string;

  beforeAll(async () => {
    api = await startLocalApi();
    fakeSlack(api);
    stripe = fakeStripe(api);
    server = await startTestServer("sqlite");
    const connect = async (name: string, baseUrl: string, token: string) => {
      const res = await server.api<{ id: string }>("/api/connections", { body: { name, type: "bearer", config: { baseUrl }, secrets: { token } } });
      if (res.status !== 201) throw new Error(`connection: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id;
    };
    slackConnection = await connect("Slack bot", `${api.url}/slack/api`, SLACK_TOKEN);
    stripeConnection = await connect("Stripe test mode", `${api.url}/stripe`, STRIPE_KEY);
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("Stripe customer and payment intent, then a Slack message to the customer's account manager, end to end", async () => {
    stripe.failNextPaymentIntent(1);
    const workflow = await createWorkflow(
      server,
      chain("New order", [
        trigger,
        { id: "customer", type: "stripe.createCustomer", config: { connectionId: stripeConnection, email: "{{ trigger.email }}", name: "{{ trigger.name }}", metadata: { source: "switchboard" } } },
        {
          id: "payment",
          type: "stripe.createPaymentIntent",
          config: { connectionId: stripeConnection, amount: "{{ trigger.amount }}", currency: "EUR", customer: "{{ steps.customer.id }}", metadata: { order: "{{ trigger.order }}" } },
          settings: { retry: { maxAttempts: 3, initialDelayMs: 100 } },
        },
        { id: "manager", type: "slack.lookupUserByEmail", config: { connectionId: slackConnection, email: "{{ trigger.manager }}" } },
        {
          id: "notify",
          type: "slack.postMessage",
          config: { connectionId: slackConnection, channel: "C0SALES", text: "<@{{ steps.manager.id }}> order {{ trigger.order }}: {{ steps.payment.amount }} {{ steps.payment.currency }} ({{ steps.payment.id }})" },
        },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, workflow.id, { email: "buyer@example.com", name: "Bo Buyer", amount: 2500, order: "A-17", manager: "ann@example.com" }));
    expect(run.error).toBeNull();
    expect(run.status).toBe("completed");

    // Stripe: POST, form body in bracket notation, Bearer key, Idempotency-Key from the run and node (the same on the retry).
    const customers = api.requests.filter((r) => r.path === "/stripe/v1/customers");
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ method: "POST", headers: { authorization: `Bearer ${STRIPE_KEY}`, "content-type": "application/x-www-form-urlencoded", "idempotency-key": `${run.id}:customer` } });
    expect(Object.fromEntries(new URLSearchParams(customers[0].body))).toEqual({ email: "buyer@example.com", name: "Bo Buyer", "metadata[source]": "switchboard" });
    expect(step(run, "customer").output).toMatchObject({ id: "cus_1", object: "customer", email: "buyer@example.com" });

    const intents = api.requests.filter((r) => r.path === "/stripe/v1/payment_intents");
    expect(intents).toHaveLength(2);
    expect(intents.map((r) => r.headers["idempotency-key"])).toEqual([`${run.id}:payment`, `${run.id}:payment`]);
    expect(Object.fromEntries(new URLSearchParams(intents[1].body))).toEqual({ amount: "2500", currency: "eur", customer: "cus_1", "automatic_payment_methods[enabled]": "true", "metadata[order]": "A-17" });
    expect(step(run, "payment")).toMatchObject({ attempts: 2, output: { id: "pi_2", amount: 2500, currency: "eur", customer: "cus_1", status: "requires_payment_method" } });

    // Slack: reads with query arguments, chat.postMessage as JSON, Bearer bot token.
    const lookups = api.requests.filter((r) => r.path === "/slack/api/users.lookupByEmail");
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toMatchObject({ method: "GET", url: "/slack/api/users.lookupByEmail?email=ann%40example.com", headers: { authorization: `Bearer ${SLACK_TOKEN}` } });
    expect(step(run, "manager").output).toMatchObject({ id: "W012A3CDE", real_name: "Ann Smith" });
    const posts = api.requests.filter((r) => r.path === "/slack/api/chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ method: "POST", headers: { authorization: `Bearer ${SLACK_TOKEN}`, "content-type": "application/json; charset=utf-8" } });
    expect(JSON.parse(posts[0].body)).toEqual({ channel: "C0SALES", text: "<@W012A3CDE> order A-17: 2500 eur (pi_2)" });
    expect(step(run, "notify").output).toMatchObject({ ok: true, channel: "C0SALES", ts: "1700000000.000100" });

    // Credentials are applied server-side only: they never show in run history.
    const history = JSON.stringify(run);
    expect(history).not.toContain(SLACK_TOKEN);
    expect(history).not.toContain(STRIPE_KEY);
  });

  it("provider errors fail the step with the provider's message; errors that cannot pass are not retried", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Bad channel", [trigger, { id: "notify", type: "slack.postMessage", config: { connectionId: slackConnection, channel: "C0MISSING", text: "hello" }, settings: { retry: { maxAttempts: 3, initialDelayMs: 100 } } }]),
    );
    const run = await waitForRun(server, await startManualRun(server, workflow.id));
    expect(run.status).toBe("failed");
    expect(step(run, "notify")).toMatchObject({ status: "failed", attempts: 1, error: { message: "Slack POST /slack/api/chat.postMessage answered 200: channel_not_found" } });

    const invalid = await createWorkflow(server, chain("Bad amount", [trigger, { id: "payment", type: "stripe.createPaymentIntent", config: { connectionId: stripeConnection, amount: "0", currency: "usd" } }]));
    const failed = await waitForRun(server, await startManualRun(server, invalid.id));
    expect(step(failed, "payment")).toMatchObject({ status: "failed", attempts: 1, error: { message: "Stripe POST /stripe/v1/payment_intents answered 400: invalid_request_error/parameter_invalid_integer: Invalid integer: 0" } });
  });

  it("a workflow using connector nodes is validated like any other: unknown props and missing fields are refused", async () => {
    const res = await server.api<{ issues?: { path: string; message: string }[] }>("/api/workflows", {
      body: chain("Invalid", [trigger, { id: "notify", type: "slack.postMessage", config: { connectionId: slackConnection, channel: "" } }]),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("Name a channel");
  });
});
