import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES } from "../support/databases";
import { json, startLocalApi, type LocalApi } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { waitFor } from "../support/wait";
import { chain, createWorkflow, listRuns, step, waitForRun } from "../support/workflows";

const STRIPE_KEY = "sk_test_51TriggerFakeStripeKey";
const GITHUB_TOKEN = "ghp_triggerFakeGitHubToken";
const STRIPE_ENDPOINT_SECRET = "whsec_issuedByTheFakeStripe_123";
const GITLAB_TOKEN = "glpat-triggerFakeGitLabToken";
const SHOPIFY_TOKEN = "shpat_triggerFakeShopifyToken";
const SHOPIFY_CLIENT_SECRET = "shpss_fakeAppClientSecret";
const TELEGRAM_TOKEN = "7012345678:AAHtriggerFakeTelegramToken";
const TRELLO_TOKEN = "ATTAtriggerFakeTrelloToken0123";
const TRELLO_SECRET = "trelloApiKeySecret0123456789abcdef";
const JIRA_TOKEN = "ATATTtriggerFakeJiraApiToken";
const PIPEDRIVE_TOKEN = "0123456789abcdef0123456789abcdef01234567";
const SLACK_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const ZENDESK_TOKEN = "zendeskFakeApiToken0123456789";
const HUBSPOT_CLIENT_SECRET = "hubspot-app-client-secret-0123";
const MAILCHIMP_KEY = "0123456789abcdef0123456789abcdef-us21";
const TWILIO_ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const TWILIO_AUTH_TOKEN = "twilioFakeAuthToken0123456789abc";
const TWILIO_NUMBER = "PN0123456789abcdef0123456789abcdef";

/**
 * App triggers against fakes of the providers' webhook-subscription APIs on 127.0.0.1: Stripe's
 * webhook endpoints (form body with enabled_events[], answering the endpoint's id and its signing
 * secret once) and GitHub's repository hooks (JSON config with the secret we give it). The fakes
 * keep the subscriptions they hold, so the test sees registration on going live and removal on
 * switching off, re-registration when the trigger changes, and removal on delete.
 */
function fakeProviders(api: LocalApi) {
  const stripeEndpoints = new Map<string, { url: string; events: string[] }>();
  const githubHooks = new Map<string, { url: string; secret: string; events: string[] }>();
  let ids = 0;
  api.setHandler("/stripe/v1/webhook_endpoints", (req, res) => {
    if (req.headers.authorization !== `Bearer ${STRIPE_KEY}`) return json(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
    const form = new URLSearchParams(req.body);
    const events = [...form].filter(([k]) => /^enabled_events\[\d+\]$/.test(k)).map(([, v]) => v);
    if (!form.get("url")?.startsWith("http")) return json(res, 400, { error: { type: "invalid_request_error", message: "Invalid URL" } });
    const id = `we_${++ids}`;
    stripeEndpoints.set(id, { url: form.get("url")!, events });
    json(res, 200, { id, object: "webhook_endpoint", url: form.get("url"), enabled_events: events, secret: STRIPE_ENDPOINT_SECRET, status: "enabled" });
  });
  const deleteStripe = (req: { path: string; method: string }, res: Parameters<typeof json>[0]) => {
    const id = req.path.split("/").pop()!;
    if (req.method !== "DELETE") return json(res, 405, {});
    if (!stripeEndpoints.delete(id)) return json(res, 404, { error: { type: "invalid_request_error", message: `No such webhook endpoint: '${id}'` } });
    json(res, 200, { id, object: "webhook_endpoint", deleted: true });
  };
  api.setHandler("/github/repos/acme/shop/hooks", (req, res) => {
    if (req.headers.authorization !== `Bearer ${GITHUB_TOKEN}`) return json(res, 401, { message: "Bad credentials" });
    const hook = JSON.parse(req.body) as { name: string; events: string[]; config: { url: string; secret: string; content_type: string } };
    if (hook.name !== "web" || hook.config.content_type !== "json") return json(res, 422, { message: "Validation Failed" });
    const id = String(1000 + ++ids);
    githubHooks.set(id, { url: hook.config.url, secret: hook.config.secret, events: hook.events });
    json(res, 201, { id: Number(id), type: "Repository", name: "web", active: true, events: hook.events, config: { url: hook.config.url, content_type: "json", insecure_ssl: "0" } });
  });
  const gitlabHooks = new Map<string, { url: string; token: string; events: string[] }>();
  api.setHandler("/gitlab/projects/acme%2Fshop/hooks", (req, res) => {
    if (req.headers.authorization !== `Bearer ${GITLAB_TOKEN}`) return json(res, 401, { message: "401 Unauthorized" });
    const hook = JSON.parse(req.body) as Record<string, unknown>;
    const id = String(++ids);
    gitlabHooks.set(id, { url: String(hook.url), token: String(hook.token), events: Object.keys(hook).filter((k) => k.endsWith("_events") && hook[k] === true) });
    json(res, 201, { id: Number(id), url: hook.url, project_id: 3 });
    api.setHandler(`/gitlab/projects/acme%2Fshop/hooks/${id}`, (_req, del) => {
      gitlabHooks.delete(id);
      del.writeHead(204);
      del.end();
    });
  });
  const shopifySubscriptions = new Map<string, { topic: string; uri: string }>();
  api.setHandler("/shopify/graphql.json", (req, res) => {
    if (req.headers["x-shopify-access-token"] !== SHOPIFY_TOKEN) return json(res, 401, { errors: "[API] Invalid API key or access token" });
    const { query, variables } = JSON.parse(req.body) as { query: string; variables: { topic?: string; subscription?: { uri: string }; id?: string } };
    if (query.includes("webhookSubscriptionCreate")) {
      const id = `gid://shopify/WebhookSubscription/${++ids}`;
      shopifySubscriptions.set(id, { topic: variables.topic!, uri: variables.subscription!.uri });
      return json(res, 200, { data: { webhookSubscriptionCreate: { webhookSubscription: { id }, userErrors: [] } } });
    }
    const deleted = shopifySubscriptions.delete(variables.id!);
    json(res, 200, { data: { webhookSubscriptionDelete: deleted ? { deletedWebhookSubscriptionId: variables.id, userErrors: [] } : { deletedWebhookSubscriptionId: null, userErrors: [{ field: ["id"], message: "Webhook subscription does not exist" }] } } });
  });
  const telegram: { webhook: { url: string; secret_token: string; allowed_updates: string[] } | null } = { webhook: null };
  api.setHandler(`/telegram/bot${TELEGRAM_TOKEN}/setWebhook`, (req, res) => {
    telegram.webhook = JSON.parse(req.body) as NonNullable<typeof telegram.webhook>;
    json(res, 200, { ok: true, result: true, description: "Webhook was set" });
  });
  api.setHandler(`/telegram/bot${TELEGRAM_TOKEN}/deleteWebhook`, (_req, res) => {
    telegram.webhook = null;
    json(res, 200, { ok: true, result: true, description: "Webhook was deleted" });
  });
  // Pipedrive's webhooks (POST /v1/webhooks, `{ success, data }` answers), kept with the Basic auth credentials they call with.
  const pipedriveWebhooks = new Map<string, { url: string; action: string; object: string; version: string; user: string; password: string }>();
  api.setHandler("/pipedrive/v1/webhooks", (req, res) => {
    if (req.headers["x-api-token"] !== PIPEDRIVE_TOKEN) return json(res, 401, { success: false, error: "unauthorized access", errorCode: 401 });
    const hook = JSON.parse(req.body) as Record<string, string>;
    if (!["create", "change", "delete", "*"].includes(hook.event_action)) return json(res, 400, { success: false, error: "Event action is not valid" });
    const id = String(++ids);
    pipedriveWebhooks.set(id, { url: hook.subscription_url, action: hook.event_action, object: hook.event_object, version: hook.version, user: hook.http_auth_user, password: hook.http_auth_password });
    json(res, 201, { status: "ok", success: true, data: { id: Number(id), subscription_url: hook.subscription_url, event_action: hook.event_action, event_object: hook.event_object, version: hook.version, is_active: 1 } });
    api.setHandler(`/pipedrive/v1/webhooks/${id}`, (_req, del) => {
      pipedriveWebhooks.delete(id);
      json(del, 200, { status: "ok", success: true, data: { id: Number(id) } });
    });
  });
  // Trello checks the callback URL with a HEAD request before it answers, and refuses a URL that does not answer 200.
  const trelloWebhooks = new Map<string, { callbackURL: string; idModel: string }>();
  api.setHandler("/trello/webhooks", async (req, res) => {
    if (req.headers.authorization !== `OAuth oauth_consumer_key="trello-api-key", oauth_token="${TRELLO_TOKEN}"`) return json(res, 401, { message: "invalid token" });
    const hook = JSON.parse(req.body) as { callbackURL: string; idModel: string };
    const check = await fetch(hook.callbackURL, { method: "HEAD" });
    if (check.status !== 200) return json(res, 400, { message: `URL (${hook.callbackURL}) did not return 200 status code, got ${check.status}` });
    const id = `5f${String(++ids).padStart(22, "0")}`;
    trelloWebhooks.set(id, hook);
    json(res, 200, { id, description: "Switchboard workflow", idModel: hook.idModel, callbackURL: hook.callbackURL, active: true, consecutiveFailures: 0 });
    api.setHandler(`/trello/webhooks/${id}`, (_req, del) => {
      trelloWebhooks.delete(id);
      json(del, 200, { _value: null });
    });
  });
  // Jira's admin webhooks (REST API 1.0): 201 with the webhook's own address in `self`.
  const jiraWebhooks = new Map<string, { url: string; events: string[]; filters?: Record<string, string>; secret: string }>();
  api.setHandler("/jira/rest/webhooks/1.0/webhook", (req, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`admin@acme.example:${JIRA_TOKEN}`).toString("base64")}`) return json(res, 401, { errorMessages: ["You are not authenticated"] });
    const hook = JSON.parse(req.body) as { url: string; events: string[]; filters?: Record<string, string>; secret: string };
    const id = String(++ids);
    jiraWebhooks.set(id, { url: hook.url, events: hook.events, filters: hook.filters, secret: hook.secret });
    json(res, 201, { self: `${api.url}/jira/rest/webhooks/1.0/webhook/${id}`, name: "Switchboard workflow", url: hook.url, events: hook.events, filters: hook.filters ?? {}, excludeBody: false, enabled: true });
    api.setHandler(`/jira/rest/webhooks/1.0/webhook/${id}`, (_req, del) => {
      jiraWebhooks.delete(id);
      del.writeHead(204);
      del.end();
    });
  });
  // Zendesk: the webhook's signing secret is Zendesk's own, handed out by GET …/signing_secret.
  const zendeskWebhooks = new Map<string, { endpoint: string; subscriptions: string[]; secret: string }>();
  api.setHandler("/zendesk/api/v2/webhooks", (req, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`agent@acme.example/token:${ZENDESK_TOKEN}`).toString("base64")}`) return json(res, 401, { error: "Couldn't authenticate you" });
    const { webhook } = JSON.parse(req.body) as { webhook: { name: string; endpoint: string; http_method: string; request_format: string; status: string; subscriptions: string[] } };
    if (webhook.http_method !== "POST" || webhook.request_format !== "json" || !webhook.subscriptions.every((s) => s.startsWith("zen:event-type:") || s === "conditional_ticket_events")) return json(res, 400, { errors: [{ code: "InvalidValue", title: "Invalid webhook" }] });
    const id = `01HZ${++ids}`;
    zendeskWebhooks.set(id, { endpoint: webhook.endpoint, subscriptions: webhook.subscriptions, secret: `zendesk-signing-${id}` });
    json(res, 201, { webhook: { id, ...webhook, created_at: "2026-12-05T10:00:00Z" } });
    api.setHandler(`/zendesk/api/v2/webhooks/${id}/signing_secret`, (_req, secretRes) => json(secretRes, 200, { signing_secret: { algorithm: "SHA256", secret: zendeskWebhooks.get(id)?.secret } }));
    api.setHandler(`/zendesk/api/v2/webhooks/${id}`, (_req, del) => {
      zendeskWebhooks.delete(id);
      del.writeHead(204);
      del.end();
    });
  });
  // Mailchimp: a list webhook, created only after a GET to its URL answers 200; deliveries are unsigned forms.
  const mailchimpWebhooks = new Map<string, { url: string; events: Record<string, boolean>; sources: Record<string, boolean> }>();
  api.setHandler("/mailchimp/lists/L0AUDIENCE/webhooks", async (req, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`us21:${MAILCHIMP_KEY}`).toString("base64")}`) return json(res, 401, { title: "API Key Invalid", status: 401, detail: "Your API key may be invalid" });
    const hook = JSON.parse(req.body) as { url: string; events: Record<string, boolean>; sources: Record<string, boolean> };
    const check = await fetch(hook.url, { method: "GET" });
    if (check.status !== 200) return json(res, 400, { title: "Invalid Resource", status: 400, detail: "The resource submitted could not be validated. For field-specific details, see the 'errors' array.", errors: [{ field: "url", message: "Your URL didn't respond" }] });
    const id = `wh${++ids}`;
    mailchimpWebhooks.set(id, hook);
    json(res, 200, { id, ...hook, list_id: "L0AUDIENCE" });
    api.setHandler(`/mailchimp/lists/L0AUDIENCE/webhooks/${id}`, (_req, del) => {
      mailchimpWebhooks.delete(id);
      del.writeHead(204);
      del.end();
    });
  });
  // Twilio: a number's messaging webhook is its SmsUrl, set and cleared by updating the number.
  const twilioNumbers = new Map<string, { smsUrl: string; smsMethod: string }>([[TWILIO_NUMBER, { smsUrl: "", smsMethod: "POST" }]]);
  api.setHandler(`/twilio/Accounts/${TWILIO_ACCOUNT}/IncomingPhoneNumbers/${TWILIO_NUMBER}.json`, (req, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`${TWILIO_ACCOUNT}:${TWILIO_AUTH_TOKEN}`).toString("base64")}`) return json(res, 401, { code: 20003, message: "Authenticate", status: 401 });
    const form = new URLSearchParams(req.body);
    const number = twilioNumbers.get(TWILIO_NUMBER)!;
    if (form.has("SmsUrl")) number.smsUrl = form.get("SmsUrl")!;
    if (form.has("SmsMethod")) number.smsMethod = form.get("SmsMethod")!;
    json(res, 200, { sid: TWILIO_NUMBER, account_sid: TWILIO_ACCOUNT, phone_number: "+15005550006", sms_url: number.smsUrl, sms_method: number.smsMethod });
  });
  // Zendesk triggers: ticket activity reaches a "conditional_ticket_events" webhook through a trigger's notification_webhook action.
  const zendeskTriggers = new Map<string, { conditions: { all: unknown[]; any: unknown[] }; webhookId: string; payload: string }>();
  api.setHandler("/zendesk/api/v2/triggers", (req, res) => {
    const { trigger } = JSON.parse(req.body) as { trigger: { title: string; conditions: { all: { field: string; value: string }[]; any: unknown[] }; actions: { field: string; value: [string, string] }[] } };
    const action = trigger.actions.find((a) => a.field === "notification_webhook");
    if (!action || !zendeskWebhooks.has(action.value[0])) return json(res, 422, { error: "RecordInvalid", description: "Record validation errors", details: { actions: [{ description: "Webhook not found" }] } });
    if (trigger.conditions.all.some((c) => c.field === "current_tags" && c.value === "refused")) return json(res, 422, { error: "RecordInvalid", description: "Record validation errors" });
    const id = String(360000 + ++ids);
    zendeskTriggers.set(id, { conditions: trigger.conditions, webhookId: action.value[0], payload: action.value[1] });
    json(res, 201, { trigger: { id: Number(id), title: trigger.title, active: true } });
    api.setHandler(`/zendesk/api/v2/triggers/${id}`, (_req, del) => {
      zendeskTriggers.delete(id);
      del.writeHead(204);
      del.end();
    });
  });
  api.setHandler("/github/repos/acme/missing/hooks", (_req, res) => json(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/repos/webhooks#create-a-repository-webhook" }));
  return {
    telegram,
    mailchimpWebhooks,
    twilioNumbers,
    zendeskWebhooks,
    zendeskTriggers,
    pipedriveWebhooks,
    jiraWebhooks,
    trelloWebhooks,
    shopifySubscriptions,
    gitlabHooks,
    stripeEndpoints,
    githubHooks,
    route(path: string) {
      if (path.startsWith("/stripe/v1/webhook_endpoints/")) api.setHandler(path, deleteStripe);
      if (path.startsWith("/github/repos/acme/shop/hooks/")) {
        api.setHandler(path, (req, res) => {
          const id = req.path.split("/").pop()!;
          if (!githubHooks.delete(id)) return json(res, 404, { message: "Not Found" });
          res.writeHead(204);
          res.end();
        });
      }
    },
  };
}

const stripeSignature = (body: string, secret: string) => {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
};

describe.each(DATABASES)("app triggers register their webhooks on %s", (kind) => {
  let server: TestServer;
  let api: LocalApi;
  let fake: ReturnType<typeof fakeProviders>;
  let stripeConnection: string;
  let githubConnection: string;
  let gitlabConnection: string;
  let shopifyConnection: string;
  let telegramConnection: string;
  let pipedriveConnection: string;
  let jiraConnection: string;
  let trelloConnection: string;
  let zendeskConnection: string;
  let twilioConnection: string;
  let mailchimpConnection: string;

  beforeAll(async () => {
    api = await startLocalApi();
    fake = fakeProviders(api);
    server = await startTestServer(kind);
    const connect = async (name: string, baseUrl: string, token: string) => (await server.api<{ id: string }>("/api/connections", { body: { name, type: "bearer", config: { baseUrl }, secrets: { token } } })).body.id;
    stripeConnection = await connect("Stripe", `${api.url}/stripe`, STRIPE_KEY);
    githubConnection = await connect("GitHub", `${api.url}/github`, GITHUB_TOKEN);
    gitlabConnection = await connect("GitLab", `${api.url}/gitlab`, GITLAB_TOKEN);
    telegramConnection = (await server.api<{ id: string }>("/api/connections", { body: { name: "Bot", type: "apiKey", config: { in: "path", name: "X-API-Key", baseUrl: `${api.url}/telegram` }, secrets: { key: TELEGRAM_TOKEN } } })).body.id;
    trelloConnection = (
      await server.api<{ id: string }>("/api/connections", {
        body: { name: "Boards", type: "apiKey", config: { in: "header", name: "Authorization", format: 'OAuth oauth_consumer_key="trello-api-key", oauth_token="{key}"', baseUrl: `${api.url}/trello` }, secrets: { key: TRELLO_TOKEN } },
      })
    ).body.id;
    mailchimpConnection = (await server.api<{ id: string }>("/api/connections", { body: { name: "Audience", type: "basic", config: { username: "us21", baseUrl: `${api.url}/mailchimp` }, secrets: { password: MAILCHIMP_KEY } } })).body.id;
    twilioConnection = (await server.api<{ id: string }>("/api/connections", { body: { name: "SMS", type: "basic", config: { username: TWILIO_ACCOUNT, baseUrl: `${api.url}/twilio` }, secrets: { password: TWILIO_AUTH_TOKEN } } })).body.id;
    zendeskConnection = (await server.api<{ id: string }>("/api/connections", { body: { name: "Support", type: "basic", config: { username: "agent@acme.example/token", baseUrl: `${api.url}/zendesk/api/v2` }, secrets: { password: ZENDESK_TOKEN } } })).body.id;
    jiraConnection = (await server.api<{ id: string }>("/api/connections", { body: { name: "Jira", type: "basic", config: { username: "admin@acme.example", baseUrl: `${api.url}/jira` }, secrets: { password: JIRA_TOKEN } } })).body.id;
    pipedriveConnection = (await server.api<{ id: string }>("/api/connections", { body: { name: "CRM", type: "apiKey", config: { in: "header", name: "x-api-token", baseUrl: `${api.url}/pipedrive` }, secrets: { key: PIPEDRIVE_TOKEN } } })).body.id;
    shopifyConnection = (await server.api<{ id: string }>("/api/connections", { body: { name: "Shop", type: "apiKey", config: { in: "header", name: "X-Shopify-Access-Token", baseUrl: `${api.url}/shopify` }, secrets: { key: SHOPIFY_TOKEN } } })).body.id;
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("Stripe: the endpoint is created when the workflow goes live, its issued secret checks deliveries, and switching off removes it", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Paid orders", [
        { id: "paid", type: "stripe.onEvent", config: { connectionId: stripeConnection, events: ["payment_intent.succeeded", "charge.refunded"] } },
        { id: "amount", type: "transform.map", config: { expression: "trigger.body.data.object.amount" } },
      ]),
    );
    expect(workflow.webhookUrl).toMatch(/\/api\/hooks\//);
    expect([...fake.stripeEndpoints.values()]).toEqual([{ url: workflow.webhookUrl, events: ["payment_intent.succeeded", "charge.refunded"] }]);
    const [endpointId] = fake.stripeEndpoints.keys();
    fake.route(`/stripe/v1/webhook_endpoints/${endpointId}`);

    const event = JSON.stringify({ id: "evt_1", type: "payment_intent.succeeded", data: { object: { id: "pi_1", amount: 4200 } } });
    const deliver = (signature: string) => fetch(workflow.webhookUrl!, { method: "POST", body: event, headers: { "content-type": "application/json", "stripe-signature": signature } });
    expect((await deliver(stripeSignature(event, "whsec_not_the_issued_one"))).status).toBe(401);
    const accepted = await deliver(stripeSignature(event, STRIPE_ENDPOINT_SECRET));
    expect(accepted.status).toBe(202);
    const { runId } = (await accepted.json()) as { runId: string };
    const run = await waitForRun(server, runId);
    expect(step(run, "amount").output).toBe(4200);
    // Stripe retries a delivery with the same event id: it starts nothing.
    expect((await deliver(stripeSignature(event, STRIPE_ENDPOINT_SECRET))).status).toBe(200);
    expect(await listRuns(server, workflow.id)).toHaveLength(1);

    const off = await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } });
    expect(off.status).toBe(200);
    expect(fake.stripeEndpoints.size).toBe(0);
    expect((await deliver(stripeSignature(event, STRIPE_ENDPOINT_SECRET))).status).toBe(404);
    // The registration and its secret never show in the API.
    expect(JSON.stringify((await server.api(`/api/workflows/${workflow.id}`)).body)).not.toContain(STRIPE_ENDPOINT_SECRET);
  });

  it("GitHub: the hook gets a secret generated for it; a changed trigger re-registers, deleting the workflow removes the hook", async () => {
    const document = (events: string[]) =>
      chain("Repository activity", [
        { id: "repo", type: "github.onRepositoryEvent", config: { connectionId: githubConnection, owner: "acme", repo: "shop", events } },
        { id: "title", type: "transform.map", config: { expression: "trigger.body.issue.title" } },
      ]);
    const workflow = await createWorkflow(server, document(["issues"]));
    const [first] = [...fake.githubHooks.entries()];
    expect(first[1]).toMatchObject({ url: workflow.webhookUrl, events: ["issues"] });
    expect(first[1].secret).toMatch(/^[0-9a-f]{64}$/);
    fake.route(`/github/repos/acme/shop/hooks/${first[0]}`);

    const payload = JSON.stringify({ action: "opened", issue: { number: 7, title: "Checkout is slow" } });
    const deliver = (secret: string, delivery: string) =>
      fetch(workflow.webhookUrl!, {
        method: "POST",
        body: payload,
        headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": delivery, "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(payload).digest("hex")}` },
      });
    expect((await deliver("wrong-secret", "d-0")).status).toBe(401);
    const accepted = await deliver(first[1].secret, "d-1");
    expect(accepted.status).toBe(202);
    const run = await waitForRun(server, ((await accepted.json()) as { runId: string }).runId);
    expect(step(run, "title").output).toBe("Checkout is slow");

    // Saving the trigger with other events replaces the hook: the old one is removed, a new one registered.
    const saved = await server.api(`/api/workflows/${workflow.id}`, { method: "PUT", body: document(["issues", "pull_request"]) });
    expect(saved.status).toBe(200);
    expect(fake.githubHooks.has(first[0])).toBe(false);
    const [second] = [...fake.githubHooks.entries()];
    expect(second[1].events).toEqual(["issues", "pull_request"]);
    fake.route(`/github/repos/acme/shop/hooks/${second[0]}`);
    expect((await deliver(first[1].secret, "d-2")).status).toBe(401);
    expect((await deliver(second[1].secret, "d-3")).status).toBe(202);
    await waitFor(async () => (await listRuns(server, workflow.id)).length === 2 || undefined, { timeoutMs: 30_000 });

    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" })).status).toBe(204);
    expect(fake.githubHooks.size).toBe(0);
  });

  it("GitLab: the project hook gets a secret token, which each delivery must send back", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Merge requests", [{ id: "project", type: "gitlab.onProjectEvent", config: { connectionId: gitlabConnection, project: "acme/shop", events: ["merge_requests", "note"] } }]),
    );
    const [[, hook]] = [...fake.gitlabHooks.entries()];
    expect(hook).toMatchObject({ url: workflow.webhookUrl, events: ["merge_requests_events", "note_events"] });
    const deliver = (token: string, uuid: string) =>
      fetch(workflow.webhookUrl!, { method: "POST", body: JSON.stringify({ object_kind: "merge_request" }), headers: { "content-type": "application/json", "x-gitlab-token": token, "x-gitlab-event-uuid": uuid } });
    expect((await deliver("not-the-token", "u-0")).status).toBe(401);
    expect((await deliver(hook.token, "u-1")).status).toBe(202);
    expect((await deliver(hook.token, "u-1")).status).toBe(200);
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(fake.gitlabHooks.size).toBe(0);
  });

  it("Shopify: a subscription to the chosen topic, deliveries signed with the app's client secret, which the API never shows", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Paid orders", [
        { id: "order", type: "shopify.onEvent", config: { connectionId: shopifyConnection, topic: "ORDERS_PAID", clientSecret: SHOPIFY_CLIENT_SECRET } },
        { id: "total", type: "transform.map", config: { expression: "trigger.body.total_price" } },
      ]),
    );
    expect([...fake.shopifySubscriptions.values()]).toEqual([{ topic: "ORDERS_PAID", uri: workflow.webhookUrl }]);
    const order = JSON.stringify({ id: 820982911946154500, total_price: "409.94" });
    const deliver = (secret: string, id: string) =>
      fetch(workflow.webhookUrl!, {
        method: "POST",
        body: order,
        headers: { "content-type": "application/json", "x-shopify-topic": "orders/paid", "x-shopify-webhook-id": id, "x-shopify-hmac-sha256": createHmac("sha256", secret).update(order).digest("base64") },
      });
    expect((await deliver("another-secret", "w-0")).status).toBe(401);
    const accepted = await deliver(SHOPIFY_CLIENT_SECRET, "w-1");
    expect(accepted.status).toBe(202);
    expect(step(await waitForRun(server, ((await accepted.json()) as { runId: string }).runId), "total").output).toBe("409.94");
    expect(JSON.stringify((await server.api(`/api/workflows/${workflow.id}`)).body)).not.toContain(SHOPIFY_CLIENT_SECRET);
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(fake.shopifySubscriptions.size).toBe(0);
  });

  it("Telegram: the bot's webhook is set with a secret token Telegram sends back, and deleted when the workflow stops", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Bot messages", [
        { id: "update", type: "telegram.onUpdate", config: { connectionId: telegramConnection, updates: ["message"] } },
        { id: "text", type: "transform.map", config: { expression: "trigger.body.message.text" } },
      ]),
    );
    const webhook = fake.telegram.webhook!;
    expect(webhook).toMatchObject({ url: workflow.webhookUrl, allowed_updates: ["message"] });
    const update = JSON.stringify({ update_id: 10000, message: { message_id: 1, chat: { id: 42 }, text: "/start" } });
    const deliver = (token: string) => fetch(workflow.webhookUrl!, { method: "POST", body: update, headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": token } });
    expect((await deliver("guessed")).status).toBe(401);
    const accepted = await deliver(webhook.secret_token);
    expect(accepted.status).toBe(202);
    expect(step(await waitForRun(server, ((await accepted.json()) as { runId: string }).runId), "text").output).toBe("/start");
    // Telegram re-sends an update it got no answer to: the same update_id starts nothing.
    expect((await deliver(webhook.secret_token)).status).toBe(200);
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(fake.telegram.webhook).toBeNull();
  });

  it("Pipedrive: a v2 webhook calling with a Basic auth password generated for it; repeats start nothing, switching off deletes it", async () => {
    const workflow = await createWorkflow(
      server,
      chain("New deals", [
        { id: "deal", type: "pipedrive.onChange", config: { connectionId: pipedriveConnection, object: "deal", action: "create" } },
        { id: "title", type: "transform.map", config: { expression: "trigger.body.data.title" } },
      ]),
    );
    const [hook] = [...fake.pipedriveWebhooks.values()];
    expect(hook).toMatchObject({ url: workflow.webhookUrl, action: "create", object: "deal", version: "2.0" });
    expect(hook.password).toMatch(/^[0-9a-f]{64}$/);
    const event = JSON.stringify({
      meta: { action: "create", entity: "deal", entity_id: "88", id: "7b8f0e1c-5d2a-4c1e-9d1a-2f3b4c5d6e7f", timestamp: "2026-12-05T10:00:00.000Z", version: "2.0", attempt: 1 },
      data: { id: 88, title: "Acme renewal", value: 1200, currency: "EUR" },
      previous: null,
    });
    const deliver = (user: string, password: string) =>
      fetch(workflow.webhookUrl!, { method: "POST", body: event, headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` } });
    expect((await deliver(hook.user, "guessed")).status).toBe(401);
    expect((await fetch(workflow.webhookUrl!, { method: "POST", body: event, headers: { "content-type": "application/json" } })).status).toBe(401);
    const accepted = await deliver(hook.user, hook.password);
    expect(accepted.status).toBe(202);
    expect(step(await waitForRun(server, ((await accepted.json()) as { runId: string }).runId), "title").output).toBe("Acme renewal");
    expect(await (await deliver(hook.user, hook.password)).json()).toMatchObject({ duplicate: true });
    const deliveries = await server.api<{ deliveries: { headers: Record<string, string> }[] }>(`/api/workflows/${workflow.id}/deliveries`);
    expect(JSON.stringify(deliveries.body)).not.toContain(Buffer.from(`${hook.user}:${hook.password}`).toString("base64"));
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(fake.pipedriveWebhooks.size).toBe(0);
  });

  it("Trello: the webhook passes Trello's HEAD check, calls are signed over body and URL, and only the activity asked for starts runs", async () => {
    const workflow = await createWorkflow(
      server,
      chain("New cards", [
        { id: "board", type: "trello.onAction", config: { connectionId: trelloConnection, modelId: "5abbe4b7ddc1b351ef961414", actions: ["createCard"], appSecret: TRELLO_SECRET } },
        { id: "card", type: "transform.map", config: { expression: "trigger.body.action.data.card.name" } },
      ]),
    );
    expect([...fake.trelloWebhooks.values()]).toEqual([{ callbackURL: workflow.webhookUrl, idModel: "5abbe4b7ddc1b351ef961414", description: "Switchboard workflow" }]);
    const action = (id: string, type: string) =>
      JSON.stringify({ model: { id: "5abbe4b7ddc1b351ef961414", name: "Launch" }, action: { id, type, date: "2026-12-05T10:00:00.000Z", data: { card: { id: "5abbe4b7ddc1b351ef961499", name: "Write the press release" }, list: { name: "To do" } } } });
    // As Trello signs: base64(HMAC-SHA1(secret, body + callbackURL)).
    const deliver = (body: string, secret = TRELLO_SECRET, url = workflow.webhookUrl!) =>
      fetch(workflow.webhookUrl!, { method: "POST", body, headers: { "content-type": "application/json", "x-trello-webhook": createHmac("sha1", secret).update(body + url).digest("base64") } });
    const created = action("6a1b2c3d4e5f60718293a4b5", "createCard");
    expect((await deliver(created, "another-secret")).status).toBe(401);
    expect((await deliver(created, TRELLO_SECRET, `${workflow.webhookUrl}x`)).status).toBe(401);
    const accepted = await deliver(created);
    expect(accepted.status).toBe(202);
    expect(step(await waitForRun(server, ((await accepted.json()) as { runId: string }).runId), "card").output).toBe("Write the press release");
    expect(await (await deliver(created)).json()).toMatchObject({ duplicate: true });
    expect(await (await deliver(action("6a1b2c3d4e5f60718293a4b6", "commentCard"))).json()).toEqual({ ignored: true });
    expect(await listRuns(server, workflow.id)).toHaveLength(1);
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(fake.trelloWebhooks.size).toBe(0);
  });

  it("Jira: an admin webhook with the events, a JQL filter and a secret generated for it; calls signed with X-Hub-Signature", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Urgent issues", [
        { id: "issue", type: "jira.onEvent", config: { connectionId: jiraConnection, events: ["jira:issue_created", "comment_created"], jql: "project = SUP AND priority = Highest" } },
        { id: "key", type: "transform.map", config: { expression: "trigger.body.issue.key" } },
      ]),
    );
    const [hook] = [...fake.jiraWebhooks.values()];
    expect(hook).toMatchObject({ url: workflow.webhookUrl, events: ["jira:issue_created", "comment_created"], filters: { "issue-related-events-section": "project = SUP AND priority = Highest" } });
    const event = JSON.stringify({ timestamp: 1764928800000, webhookEvent: "jira:issue_created", issue: { id: "10042", key: "SUP-42", fields: { summary: "Checkout is down", priority: { name: "Highest" } } } });
    const deliver = (secret: string, identifier: string) =>
      fetch(workflow.webhookUrl!, {
        method: "POST",
        body: event,
        headers: { "content-type": "application/json", "x-atlassian-webhook-identifier": identifier, "x-hub-signature": `sha256=${createHmac("sha256", secret).update(event).digest("hex")}` },
      });
    expect((await deliver("guessed", "1001")).status).toBe(401);
    const accepted = await deliver(hook.secret, "1002");
    expect(accepted.status).toBe(202);
    expect(step(await waitForRun(server, ((await accepted.json()) as { runId: string }).runId), "key").output).toBe("SUP-42");
    expect(await (await deliver(hook.secret, "1002")).json()).toMatchObject({ duplicate: true });
    await server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
    expect(fake.jiraWebhooks.size).toBe(0);
  });

  it("Zendesk: a webhook subscribed to the chosen events, checked with the signing secret Zendesk hands out for it", async () => {
    const workflow = await createWorkflow(
      server,
      chain("New customers", [
        { id: "zendesk_event", type: "zendesk.onEvent", config: { connectionId: zendeskConnection, events: ["zen:event-type:user.created", "zen:event-type:organization.created"] } },
        { id: "email", type: "transform.map", config: { expression: "trigger.body.detail.email" } },
      ]),
    );
    const [[id, hook]] = [...fake.zendeskWebhooks];
    expect(hook).toMatchObject({ endpoint: workflow.webhookUrl, subscriptions: ["zen:event-type:user.created", "zen:event-type:organization.created"] });
    // As Zendesk signs: base64 of HMAC-SHA256(timestamp + body) with the webhook's signing secret.
    const event = JSON.stringify({ type: "zen:event-type:user.created", account_id: 12514403, id: "2b24ef10-19d4-4740-93cf-8f98ec4776c0", time: new Date().toISOString(), subject: "zen:user:6596848315901", detail: { id: "6596848315901", email: "ada@example.com", role: "end-user" } });
    const deliver = (secret: string, timestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z")) =>
      fetch(workflow.webhookUrl!, {
        method: "POST",
        body: event,
        headers: { "content-type": "application/json", "x-zendesk-webhook-id": id, "x-zendesk-webhook-signature-timestamp": timestamp, "x-zendesk-webhook-signature": createHmac("sha256", secret).update(timestamp + event).digest("base64") },
      });
    expect((await deliver("guessed")).status).toBe(401);
    expect((await deliver(hook.secret, "2020-01-01T00:00:00Z")).status).toBe(401);
    const accepted = await deliver(hook.secret);
    expect(accepted.status).toBe(202);
    expect(step(await waitForRun(server, ((await accepted.json()) as { runId: string }).runId), "email").output).toBe("ada@example.com");
    expect(await (await deliver(hook.secret)).json()).toMatchObject({ duplicate: true });
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(fake.zendeskWebhooks.size).toBe(0);
    await server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
  });

  it("Mailchimp: a list webhook passes Mailchimp's GET check; its form deliveries reach the workflow as nested objects", async () => {
    const workflow = await createWorkflow(
      server,
      chain("New subscribers", [
        { id: "audience", type: "mailchimp.onAudienceEvent", config: { connectionId: mailchimpConnection, listId: "L0AUDIENCE", events: ["subscribe", "upemail"], sources: ["user", "admin"] } },
        { id: "who", type: "transform.map", config: { expression: 'trigger.body.data.merges.FNAME & " <" & trigger.body.data.email & ">"' } },
      ]),
    );
    const [hook] = [...fake.mailchimpWebhooks.values()];
    expect(hook).toEqual({ url: workflow.webhookUrl, events: { subscribe: true, unsubscribe: false, profile: false, upemail: true, cleaned: false, campaign: false }, sources: { user: true, admin: true, api: false } });
    const body = "type=subscribe&fired_at=2026-12-05+10%3A35%3A57&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D=L0AUDIENCE&data%5Bemail%5D=ada%40example.com&data%5Bemail_type%5D=html&data%5Bmerges%5D%5BEMAIL%5D=ada%40example.com&data%5Bmerges%5D%5BFNAME%5D=Ada";
    const deliver = () => fetch(workflow.webhookUrl!, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "MailChimp" } });
    const accepted = await deliver();
    expect(accepted.status).toBe(202);
    expect(step(await waitForRun(server, ((await accepted.json()) as { runId: string }).runId), "who").output).toBe("Ada <ada@example.com>");
    expect(await (await deliver()).json()).toMatchObject({ duplicate: true });
    expect((await fetch(workflow.webhookUrl!.replace(/[^/]+$/, "not-the-token"), { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(404);
    await server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
    expect(fake.mailchimpWebhooks.size).toBe(0);
  });

  it("Twilio: the number's messaging URL is set when the workflow goes live; signed messages start runs and are answered with TwiML", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Inbound SMS", [
        { id: "sms", type: "twilio.onMessage", config: { connectionId: twilioConnection, phoneNumberSid: TWILIO_NUMBER, authToken: TWILIO_AUTH_TOKEN } },
        { id: "text", type: "transform.map", config: { expression: "trigger.body.Body" } },
      ]),
    );
    expect(fake.twilioNumbers.get(TWILIO_NUMBER)).toEqual({ smsUrl: workflow.webhookUrl, smsMethod: "POST" });
    // As Twilio signs: base64 HMAC-SHA1 of the URL followed by each parameter's name and value, sorted by name.
    const params = { MessageSid: "SM0123456789abcdef0123456789abcdef", AccountSid: TWILIO_ACCOUNT, From: "+15551234567", To: "+15005550006", Body: "Is my order shipped?", NumMedia: "0" };
    const body = new URLSearchParams(params).toString();
    const deliver = (token: string) => {
      const signed = workflow.webhookUrl! + Object.keys(params).sort().map((key) => key + params[key as keyof typeof params]).join("");
      return fetch(workflow.webhookUrl!, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": createHmac("sha1", token).update(signed).digest("base64") } });
    };
    expect((await deliver("not-the-token")).status).toBe(401);
    const accepted = await deliver(TWILIO_AUTH_TOKEN);
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get("content-type")).toBe("text/xml");
    expect(await accepted.text()).toContain("<Response></Response>");
    const runs = await waitFor(async () => (await listRuns(server, workflow.id))[0]);
    expect(step(await waitForRun(server, runs.id), "text").output).toBe("Is my order shipped?");
    expect(await (await deliver(TWILIO_AUTH_TOKEN)).text()).toContain("<Response>");
    expect(await listRuns(server, workflow.id)).toHaveLength(1);
    expect(JSON.stringify((await server.api(`/api/workflows/${workflow.id}`)).body)).not.toContain(TWILIO_AUTH_TOKEN);
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(fake.twilioNumbers.get(TWILIO_NUMBER)?.smsUrl).toBe("");
  });

  it("Zendesk: a ticket trigger is a webhook plus a Zendesk trigger notifying it, both removed together; a refused trigger leaves no webhook behind", async () => {
    const document = (tag: string) =>
      chain("VIP tickets", [
        { id: "ticket", type: "zendesk.onTicket", config: { connectionId: zendeskConnection, when: "created", tag } },
        { id: "subject", type: "transform.map", config: { expression: "trigger.body.ticket.subject" } },
      ]);
    const workflow = await createWorkflow(server, document("vip"));
    const [[webhookId, hook]] = [...fake.zendeskWebhooks];
    expect(hook).toMatchObject({ endpoint: workflow.webhookUrl, subscriptions: ["conditional_ticket_events"] });
    const [route] = [...fake.zendeskTriggers.values()];
    expect(route.webhookId).toBe(webhookId);
    expect(route.conditions).toEqual({ all: [{ field: "update_type", operator: "is", value: "Create" }, { field: "current_tags", operator: "includes", value: "vip" }], any: [] });
    expect(JSON.parse(route.payload)).toMatchObject({ ticket: { id: "{{ticket.id}}", subject: "{{ticket.title}}", requester: { email: "{{ticket.requester.email}}" } } });

    // What Zendesk sends: the payload with its placeholders filled in, signed with the webhook's secret.
    const body = route.payload.replace("{{ticket.id}}", "35436").replace("{{ticket.title}}", "Checkout is down").replace("{{ticket.updated_at_with_timestamp}}", "2026-12-05T10:00:00Z");
    const timestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const sent = await fetch(workflow.webhookUrl!, { method: "POST", body, headers: { "content-type": "application/json", "x-zendesk-webhook-signature-timestamp": timestamp, "x-zendesk-webhook-signature": createHmac("sha256", hook.secret).update(timestamp + body).digest("base64") } });
    expect(sent.status).toBe(202);
    expect(step(await waitForRun(server, ((await sent.json()) as { runId: string }).runId), "subject").output).toBe("Checkout is down");

    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: false } })).status).toBe(200);
    expect(fake.zendeskTriggers.size).toBe(0);
    expect(fake.zendeskWebhooks.size).toBe(0);

    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PUT", body: document("refused") })).status).toBe(200);
    const switchedOn = await server.api<{ issues: { path: string; message: string }[] }>(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: true } });
    expect(switchedOn.status).toBe(409);
    expect(switchedOn.body.issues[0]).toMatchObject({ path: "nodes.ticket", message: expect.stringContaining("Record validation errors") });
    expect(fake.zendeskWebhooks.size).toBe(0);
    expect(fake.zendeskTriggers.size).toBe(0);
    await server.api(`/api/workflows/${workflow.id}`, { method: "DELETE" });
  });

  it("HubSpot: set up in the HubSpot app, batches signed with signature v3 over method, URL, body and timestamp", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Deal stage changes", [
        { id: "crm", type: "hubspot.onEvent", config: { clientSecret: HUBSPOT_CLIENT_SECRET, events: ["deal.propertyChange"], property: "dealstage" } },
        { id: "deals", type: "transform.map", config: { expression: "trigger.body.objectId" } },
      ]),
    );
    const send = (events: object[], secret = HUBSPOT_CLIENT_SECRET, timestamp = Date.now()) => {
      const body = JSON.stringify(events);
      const signature = createHmac("sha256", secret).update(`POST${workflow.webhookUrl}${body}${timestamp}`).digest("base64");
      return fetch(workflow.webhookUrl!, { method: "POST", body, headers: { "content-type": "application/json", "x-hubspot-request-timestamp": String(timestamp), "x-hubspot-signature-v3": signature } });
    };
    const change = (eventId: number, objectId: number, propertyName = "dealstage") => ({ eventId, subscriptionId: 2881778, portalId: 62515, appId: 1160452, occurredAt: 1764928800000, subscriptionType: "deal.propertyChange", attemptNumber: 0, objectId, propertyName, propertyValue: "closedwon", changeSource: "CRM" });
    const batch = [change(100, 9001), change(101, 9002)];
    expect((await send(batch, "not-the-secret")).status).toBe(401);
    expect((await send(batch, HUBSPOT_CLIENT_SECRET, Date.now() - 600_000)).status).toBe(401);
    const accepted = await send(batch);
    expect(accepted.status).toBe(202);
    expect(step(await waitForRun(server, ((await accepted.json()) as { runId: string }).runId), "deals").output).toEqual([9001, 9002]);
    expect(await (await send(batch)).json()).toMatchObject({ duplicate: true });
    const otherProperty = await send([change(102, 9003, "amount")]);
    expect(await otherProperty.json()).toEqual({ ignored: true });
    expect(await listRuns(server, workflow.id)).toHaveLength(1);
    expect(JSON.stringify((await server.api(`/api/workflows/${workflow.id}`)).body)).not.toContain(HUBSPOT_CLIENT_SECRET);
  });

  it("Notion: its unsigned verification request is kept for the user to copy the token from; once the token is set, events are checked with it", async () => {
    const document = (verificationToken: string) =>
      chain("Roadmap pages", [
        { id: "notion_event", type: "notion.onEvent", config: { events: ["page.created"], verificationToken } },
        { id: "page", type: "transform.map", config: { expression: "trigger.body.entity.id" } },
      ]);
    const workflow = await createWorkflow(server, document(""));
    const token = "secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl";
    const send = (body: string, secret?: string) =>
      fetch(workflow.webhookUrl!, { method: "POST", body, headers: { "content-type": "application/json", ...(secret ? { "x-notion-signature": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` } : {}) } });
    const verification = await send(JSON.stringify({ verification_token: token }));
    expect(verification.status).toBe(200);
    const kept = await server.api<{ deliveries: { reason: string; body: string }[] }>(`/api/workflows/${workflow.id}/deliveries?outcome=ignored`);
    expect(kept.body.deliveries[0].reason).toContain("Notion's verification token");
    expect(kept.body.deliveries[0].body).toContain(token);

    const event = JSON.stringify({ id: "367cba44-b6f3-4c92-81e7-6a2e9659efd4", timestamp: "2026-12-05T10:00:00.000Z", workspace_id: "13950b26-c203-4f3b-b97d-93ec06319565", subscription_id: "29d75c0d-5546-4414-8459-7b7a92f1fc4b", integration_id: "0ef2e755-4912-8096-91c1-00376a88a5ca", type: "page.created", entity: { id: "153104cd-477e-809d-8dc4-ff2d96ae3090", type: "page" }, data: { parent: { id: "13950b26-c203-4f3b-b97d-93ec06319565", type: "space" } } });
    expect((await send(event, token)).status).toBe(401);
    expect((await server.api(`/api/workflows/${workflow.id}`, { method: "PUT", body: document(token) })).status).toBe(200);
    expect((await send(event, "not-the-token")).status).toBe(401);
    const accepted = await send(event, token);
    expect(accepted.status).toBe(202);
    expect(step(await waitForRun(server, ((await accepted.json()) as { runId: string }).runId), "page").output).toBe("153104cd-477e-809d-8dc4-ff2d96ae3090");
    const comment = JSON.stringify({ id: "5d1fb9a2-0000-4000-8000-000000000001", type: "comment.created", entity: { id: "c1", type: "comment" } });
    expect(await (await send(comment, token)).json()).toEqual({ ignored: true });
    expect(await listRuns(server, workflow.id)).toHaveLength(1);
    expect(JSON.stringify((await server.api(`/api/workflows/${workflow.id}`)).body)).not.toContain(token);
  });

  it("Slack: set up in the app, answers its signed URL check, runs the events asked for once, and answers the rest without a run", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Support channel", [
        { id: "slack_event", type: "slack.onEvent", config: { signingSecret: SLACK_SIGNING_SECRET, events: ["message", "app_mention"], channel: "C0SUPPORT", ignoreBots: true } },
        { id: "text", type: "transform.map", config: { expression: "trigger.body.event.text" } },
      ]),
    );
    expect(workflow.webhookUrl).toBeTruthy();
    // As Slack signs: v0=HMAC-SHA256("v0:<timestamp>:<body>") with the app's signing secret.
    const send = (payload: object, secret = SLACK_SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000)) => {
      const body = JSON.stringify(payload);
      const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
      return fetch(workflow.webhookUrl!, { method: "POST", body, headers: { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature } });
    };
    const challenge = { token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" };
    expect((await send(challenge, "not-the-secret")).status).toBe(401);
    const check = await send(challenge);
    expect(check.status).toBe(200);
    expect(await check.json()).toEqual({ challenge: challenge.challenge });
    // A captured request replayed later is outside Slack's five minutes.
    expect((await send(challenge, SLACK_SIGNING_SECRET, Math.floor(Date.now() / 1000) - 600)).status).toBe(401);

    const callback = (eventId: string, event: object) => ({ token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", team_id: "T0001", api_app_id: "A0001", type: "event_callback", event_id: eventId, event_time: 1700000000, event });
    const message = callback("Ev0PV52K21", { type: "message", channel: "C0SUPPORT", user: "U0001", text: "The printer is on fire", ts: "1700000000.000100" });
    const accepted = await send(message);
    expect(accepted.status).toBe(202);
    expect(step(await waitForRun(server, ((await accepted.json()) as { runId: string }).runId), "text").output).toBe("The printer is on fire");
    // Slack retries an event it got no quick answer to, with the same event_id.
    expect(await (await send(message)).json()).toMatchObject({ duplicate: true });

    const notAskedFor = [
      callback("Ev0PV52K22", { type: "message", channel: "C0RANDOM", user: "U0001", text: "Elsewhere", ts: "1700000000.000200" }),
      callback("Ev0PV52K23", { type: "message", subtype: "bot_message", bot_id: "B0001", channel: "C0SUPPORT", text: "Our own reply", ts: "1700000000.000300" }),
      callback("Ev0PV52K24", { type: "reaction_added", user: "U0001", reaction: "fire", item: { type: "message", channel: "C0SUPPORT", ts: "1700000000.000100" } }),
    ];
    for (const event of notAskedFor) {
      const answer = await send(event);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ ignored: true });
    }
    expect(await listRuns(server, workflow.id)).toHaveLength(1);
    const ignored = await server.api<{ deliveries: { outcome: string; reason: string }[] }>(`/api/workflows/${workflow.id}/deliveries?outcome=ignored`);
    expect(ignored.body.deliveries.map((d) => d.reason).sort()).toEqual([...Array(3).fill("Not an event the trigger's settings ask for"), "The app's URL check, answered"]);
    expect(JSON.stringify((await server.api(`/api/workflows/${workflow.id}`)).body)).not.toContain(SLACK_SIGNING_SECRET);
  });

  it("a registration the app refuses switches the workflow off and names the trigger node", async () => {
    const workflow = await createWorkflow(server, chain("Wrong repository", [{ id: "repo", type: "github.onRepositoryEvent", config: { connectionId: githubConnection, owner: "acme", repo: "missing", events: ["push"] } }]));
    const detail = await server.api<{ active: boolean }>(`/api/workflows/${workflow.id}`);
    expect(detail.body.active).toBe(false);
    const on = await server.api<{ error: string; issues: { path: string; message: string }[] }>(`/api/workflows/${workflow.id}`, { method: "PATCH", body: { active: true } });
    expect(on.status).toBe(409);
    expect(on.body.error).toBe("GitHub did not register the workflow's webhook, so the workflow was switched off");
    expect(on.body.issues[0].path).toBe("nodes.repo");
    expect(on.body.issues[0].message).toContain("GitHub POST /github/repos/acme/missing/hooks answered 404");
    expect((await server.api<{ active: boolean }>(`/api/workflows/${workflow.id}`)).body.active).toBe(false);
  });
});
