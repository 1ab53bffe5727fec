import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startLocalApi, type LocalApi, type RecordedRequest } from "../support/local-api";
import { startTestServer, type TestServer } from "../support/server";
import { chain, createWorkflow, startManualRun, step, waitForRun } from "../support/workflows";

const TELEGRAM_TOKEN = "7012345678:AAHfakeTelegramBotToken_x1";
const TEAMS_PATH = "/teams/webhookb2/4f2c-secret-path/IncomingWebhook/9a1b";
const DISCORD_TOKEN = "MTA5fakeDiscordBotToken.Gx1.abc";
const TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
const TWILIO_TOKEN = "twilio-auth-token-secret-1";
const MAILCHIMP_KEY = "0123456789abcdef0123456789abcdef-us21";
const TRELLO_KEY = "trello-public-api-key";
const TRELLO_TOKEN = "ATTAfakeTrelloUserToken1234";
const SHOPIFY_TOKEN = "shpat_fakeShopifyAdminToken";
const SALESFORCE_TOKEN = "00Dfake!SalesforceAccessToken";

/**
 * The messaging, commerce, CRM and marketing apps in real runs, through the real credential path
 * (lib/connections/http-auth.ts), against fakes on 127.0.0.1 that answer as each provider's API
 * reference describes and refuse requests without the credentials where each provider expects them:
 * Telegram's token in the URL path, Teams' secret webhook address, Discord's `Bot` header, Twilio's
 * Basic auth with the Account SID in the path and repeated form keys, Mailchimp's MD5 member ids,
 * Trello's OAuth header, Shopify's GraphQL with its token header and Salesforce's SOQL.
 */
function fakeProviders(api: LocalApi) {
  let telegramLimited = 1;
  api.setHandler(`/telegram/bot${TELEGRAM_TOKEN}/sendMessage`, (req, res) => {
    if (telegramLimited-- > 0) return json(res, 429, { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const args = JSON.parse(req.body) as { chat_id: string; text: string };
    json(res, 200, { ok: true, result: { message_id: 42, chat: { id: Number(args.chat_id), type: "group" }, date: 1764930000, text: args.text } });
  });
  api.setHandler(TEAMS_PATH, (_req, res) => {
    res.writeHead(202);
    res.end();
  });
  api.setHandler("/discord/api/v10/channels/1100000000000000001/messages", (req, res) => {
    if (req.headers.authorization !== `Bot ${DISCORD_TOKEN}`) return json(res, 401, { message: "401: Unauthorized", code: 0 });
    const args = JSON.parse(req.body) as { content?: string };
    json(res, 200, { id: "1200000000000000002", channel_id: "1100000000000000001", content: args.content ?? "" });
  });
  api.setHandler(`/twilio/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`, (req, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString("base64")}`) return json(res, 401, { code: 20003, message: "Authenticate", status: 401 });
    const form = new URLSearchParams(req.body);
    json(res, 201, { sid: "SM0123456789abcdef0123456789abcdef", account_sid: TWILIO_SID, to: form.get("To"), from: form.get("From"), body: form.get("Body"), status: "queued", num_media: String(form.getAll("MediaUrl").length) });
  });
  const memberHash = createHash("md5").update("ada@example.com").digest("hex");
  api.setHandler(`/mailchimp/3.0/lists/list_1/members/${memberHash}`, (req, res) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`us21:${MAILCHIMP_KEY}`).toString("base64")}`) return json(res, 401, { title: "API Key Invalid", status: 401, detail: "Your API key may be invalid" });
    const member = JSON.parse(req.body) as { email_address: string; status_if_new: string; merge_fields?: unknown };
    json(res, 200, { id: memberHash, email_address: member.email_address, status: member.status_if_new, merge_fields: member.merge_fields, list_id: "list_1" });
  });
  api.setHandler("/trello/1/cards", (req, res) => {
    if (req.headers.authorization !== `OAuth oauth_consumer_key="${TRELLO_KEY}", oauth_token="${TRELLO_TOKEN}"`) {
      res.writeHead(401, { "content-type": "text/plain" });
      res.end("invalid key");
      return;
    }
    const card = JSON.parse(req.body) as { name: string; idList: string };
    json(res, 200, { id: "65a0c0ffee", name: card.name, idList: card.idList, shortUrl: "https://trello.com/c/AbCd1234" });
  });
  api.setHandler("/shopify/admin/api/2025-10/graphql.json", (req, res) => {
    if (req.headers["x-shopify-access-token"] !== SHOPIFY_TOKEN) return json(res, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    const { query, variables } = JSON.parse(req.body) as { query: string; variables: Record<string, unknown> };
    if (query.includes("customerCreate")) return json(res, 200, { data: { customerCreate: { customer: null, userErrors: [{ field: ["email"], message: "Email has already been taken" }] } } });
    json(res, 200, { data: { order: { id: variables.id, name: "#1001", email: "ada@example.com", totalPriceSet: { shopMoney: { amount: "59.00", currencyCode: "EUR" } }, lineItems: { nodes: [{ title: "Mug", quantity: 2 }] } } } });
  });
  api.setHandler("/salesforce/services/data/v62.0/query", (req, res) => {
    if (req.headers.authorization !== `Bearer ${SALESFORCE_TOKEN}`) return json(res, 401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
    const soql = new URL(req.url, "http://x").searchParams.get("q") ?? "";
    if (!soql.startsWith("SELECT ")) return json(res, 400, [{ message: "unexpected token", errorCode: "MALFORMED_QUERY" }]);
    json(res, 200, { totalSize: 1, done: true, records: [{ attributes: { type: "Contact", url: "/services/data/v62.0/sobjects/Contact/003A" }, Id: "003A", Email: "ada@example.com" }] });
  });
  api.setHandler("/telegram/bot111:revoked/sendMessage", (_req, res) => json(res, 401, { ok: false, error_code: 401, description: "Unauthorized" }));
}

const trigger = { id: "start", type: "trigger.manual", config: {} };
const request = (api: LocalApi, path: string): RecordedRequest => {
  const found = api.requests.filter((r) => r.path === path);
  expect(found.length, path).toBeGreaterThan(0);
  return found[found.length - 1];
};

describe("messaging, commerce and marketing app connectors in real runs (sqlite)", () => {
  let server: TestServer;
  let api: LocalApi;
  const connection: Record<string, string> = {};

  beforeAll(async () => {
    api = await startLocalApi();
    fakeProviders(api);
    server = await startTestServer("sqlite");
    const connect = async (name: string, type: string, config: Record<string, unknown>, secrets: Record<string, string>) => {
      const res = await server.api<{ id: string }>("/api/connections", { body: { name, type, config, secrets } });
      if (res.status !== 201) throw new Error(`connection ${name}: ${res.status} ${JSON.stringify(res.body)}`);
      connection[name] = res.body.id;
    };
    await connect("telegram", "apiKey", { in: "path", name: "X-API-Key", baseUrl: `${api.url}/telegram` }, { key: TELEGRAM_TOKEN });
    await connect("teams", "apiKey", { in: "url", name: "X-API-Key" }, { key: `${api.url}${TEAMS_PATH}` });
    await connect("discord", "apiKey", { in: "header", name: "Authorization", format: "Bot {key}", baseUrl: `${api.url}/discord/api/v10` }, { key: DISCORD_TOKEN });
    await connect("twilio", "basic", { username: TWILIO_SID, baseUrl: `${api.url}/twilio/2010-04-01` }, { password: TWILIO_TOKEN });
    await connect("mailchimp", "basic", { username: "us21", baseUrl: `${api.url}/mailchimp/3.0` }, { password: MAILCHIMP_KEY });
    await connect("trello", "apiKey", { in: "header", name: "Authorization", format: `OAuth oauth_consumer_key="${TRELLO_KEY}", oauth_token="{key}"`, baseUrl: `${api.url}/trello/1` }, { key: TRELLO_TOKEN });
    await connect("shopify", "apiKey", { in: "header", name: "X-Shopify-Access-Token", baseUrl: `${api.url}/shopify/admin/api/2025-10` }, { key: SHOPIFY_TOKEN });
    await connect("salesforce", "bearer", { baseUrl: `${api.url}/salesforce/services/data/v62.0` }, { token: SALESFORCE_TOKEN });
  });
  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  it("a new Shopify order reaches Telegram, Teams, Discord, SMS, Mailchimp, Trello and Salesforce", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Order everywhere", [
        trigger,
        { id: "order", type: "shopify.getOrder", config: { connectionId: connection.shopify, orderId: "{{ trigger.orderId }}" } },
        { id: "contact", type: "salesforce.query", config: { connectionId: connection.salesforce, soql: "SELECT Id, Email FROM Contact WHERE Email = '{{ steps.order.email }}' LIMIT 1" } },
        {
          id: "telegram",
          type: "telegram.sendMessage",
          config: { connectionId: connection.telegram, chatId: "-1001234567890", text: "Order {{ steps.order.name }}: {{ steps.order.totalPriceSet.shopMoney.amount }}", parseMode: "none", silent: true },
          settings: { retry: { maxAttempts: 2, initialDelayMs: 100 } },
        },
        { id: "teams", type: "teams.postCard", config: { connectionId: connection.teams, title: "Order {{ steps.order.name }}", facts: { Customer: "{{ steps.order.email }}" }, buttonLabel: "Open", buttonUrl: "https://shop.example.com/orders/1", accent: "good" } },
        { id: "discord", type: "discord.sendMessage", config: { connectionId: connection.discord, channelId: "1100000000000000001", content: "Order {{ steps.order.name }} paid" } },
        { id: "sms", type: "twilio.sendSms", config: { connectionId: connection.twilio, to: "+14155550100", from: "+14155550199", body: "Thanks for order {{ steps.order.name }}", mediaUrls: ["https://shop.example.com/a.png", "https://shop.example.com/b.png"] } },
        { id: "member", type: "mailchimp.upsertMember", config: { connectionId: connection.mailchimp, listId: "list_1", email: "Ada@Example.com", status: "subscribed", firstName: "Ada" } },
        { id: "card", type: "trello.createCard", config: { connectionId: connection.trello, listId: "list_pack", name: "Pack {{ steps.order.name }}", position: "top" } },
      ]),
    );
    const run = await waitForRun(server, await startManualRun(server, workflow.id, { orderId: "450789469" }));
    expect(run.error).toBeNull();
    expect(run.status).toBe("completed");

    const shopify = request(api, "/shopify/admin/api/2025-10/graphql.json");
    expect(JSON.parse(shopify.body).variables).toEqual({ id: "gid://shopify/Order/450789469" });
    expect(step(run, "order").output).toMatchObject({ name: "#1001", lineItems: { nodes: [{ title: "Mug", quantity: 2 }] } });

    expect(new URL(request(api, "/salesforce/services/data/v62.0/query").url, "http://x").searchParams.get("q")).toBe("SELECT Id, Email FROM Contact WHERE Email = 'ada@example.com' LIMIT 1");
    expect(step(run, "contact").output).toMatchObject({ totalSize: 1, done: true, records: [{ Id: "003A" }] });

    // Telegram: the token in the path, a 429 with retry_after in the body retried once.
    expect(api.count(`/telegram/bot${TELEGRAM_TOKEN}/sendMessage`)).toBe(2);
    expect(JSON.parse(request(api, `/telegram/bot${TELEGRAM_TOKEN}/sendMessage`).body)).toEqual({ chat_id: "-1001234567890", text: "Order #1001: 59.00", disable_notification: true });
    expect(step(run, "telegram")).toMatchObject({ attempts: 2, output: { message_id: 42, text: "Order #1001: 59.00" } });

    const card = JSON.parse(request(api, TEAMS_PATH).body) as { type: string; attachments: { contentType: string; content: { type: string; body: unknown[]; actions: unknown[] } }[] };
    expect(card.type).toBe("message");
    expect(card.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.attachments[0].content.body).toEqual([
      { type: "TextBlock", text: "Order #1001", weight: "Bolder", size: "Medium", wrap: true, color: "good" },
      { type: "FactSet", facts: [{ title: "Customer", value: "ada@example.com" }] },
    ]);
    expect(card.attachments[0].content.actions).toEqual([{ type: "Action.OpenUrl", title: "Open", url: "https://shop.example.com/orders/1" }]);
    expect(step(run, "teams").output).toEqual({ delivered: true, status: 202 });

    expect(JSON.parse(request(api, "/discord/api/v10/channels/1100000000000000001/messages").body)).toEqual({ content: "Order #1001 paid", allowed_mentions: { parse: ["users"] } });
    expect(step(run, "discord").output).toMatchObject({ id: "1200000000000000002" });

    const sms = request(api, `/twilio/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`);
    expect(sms.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect([...new URLSearchParams(sms.body)]).toEqual([
      ["To", "+14155550100"],
      ["From", "+14155550199"],
      ["Body", "Thanks for order #1001"],
      ["MediaUrl", "https://shop.example.com/a.png"],
      ["MediaUrl", "https://shop.example.com/b.png"],
    ]);
    expect(step(run, "sms").output).toMatchObject({ sid: "SM0123456789abcdef0123456789abcdef", status: "queued", num_media: "2" });

    // Mailchimp: the member named by the MD5 of the lower-cased address, created with its merge fields.
    const member = request(api, `/mailchimp/3.0/lists/list_1/members/${createHash("md5").update("ada@example.com").digest("hex")}`);
    expect(member.method).toBe("PUT");
    expect(JSON.parse(member.body)).toEqual({ email_address: "Ada@Example.com", status_if_new: "subscribed", merge_fields: { FNAME: "Ada" } });

    expect(JSON.parse(request(api, "/trello/1/cards").body)).toEqual({ idList: "list_pack", name: "Pack #1001", pos: "top" });
    expect(step(run, "card").output).toMatchObject({ id: "65a0c0ffee", shortUrl: "https://trello.com/c/AbCd1234" });

    // Every credential was applied on the server and none shows in run history, the Teams address included.
    const history = JSON.stringify(run);
    for (const secret of [TELEGRAM_TOKEN, TEAMS_PATH, DISCORD_TOKEN, TWILIO_TOKEN, MAILCHIMP_KEY, TRELLO_TOKEN, SHOPIFY_TOKEN, SALESFORCE_TOKEN]) expect(history).not.toContain(secret);
  });

  it("a Shopify mutation's user errors fail the step once, with Shopify's message", async () => {
    const workflow = await createWorkflow(
      server,
      chain("Duplicate customer", [trigger, { id: "customer", type: "shopify.createCustomer", config: { connectionId: connection.shopify, email: "ada@example.com" }, settings: { retry: { maxAttempts: 3, initialDelayMs: 100 } } }]),
    );
    const run = await waitForRun(server, await startManualRun(server, workflow.id));
    expect(run.status).toBe("failed");
    expect(step(run, "customer")).toMatchObject({ status: "failed", attempts: 1, error: { message: "Shopify POST /shopify/admin/api/2025-10/graphql.json answered 200: email: Email has already been taken" } });
  });

  it("a connection with the wrong credentials is refused by the provider, and the step says so", async () => {
    const res = await server.api<{ id: string }>("/api/connections", {
      body: { name: "Telegram, old token", type: "apiKey", config: { in: "path", name: "X-API-Key", baseUrl: `${api.url}/telegram` }, secrets: { key: "111:revoked" } },
    });
    const workflow = await createWorkflow(server, chain("Old token", [trigger, { id: "send", type: "telegram.sendMessage", config: { connectionId: res.body.id, chatId: "1", text: "hi", parseMode: "none" } }]));
    const run = await waitForRun(server, await startManualRun(server, workflow.id));
    expect(run.status).toBe("failed");
    expect(step(run, "send")).toMatchObject({ attempts: 1, error: { message: "Telegram POST /telegram/bot{key}/sendMessage answered 401: Unauthorized" } });
    expect(JSON.stringify(run)).not.toContain("111:revoked");
  });
});
