import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { appTriggerOf } from "@/lib/connectors";
import { NodeError } from "@/lib/nodes/errors";
import { callConnector as call } from "../support/connector-call";

/**
 * Discord, Teams, Telegram, Twilio, Mailchimp, Trello, Shopify and Salesforce actions against
 * answers shaped as each provider documents them: the request, the output, the provider's error
 * body (and when it says to retry), and the settings a connection must hold.
 */
const errorOf = (output: unknown) => {
  expect(output).toBeInstanceOf(NodeError);
  return output as NodeError;
};

describe("Telegram", () => {
  it("sends photos and documents and edits messages with the token placeholder in the path", async () => {
    const photo = await call("telegram.sendPhoto", { chatId: "@shop_news", photo: "https://cdn.example.com/p.jpg", caption: "<b>New</b>", parseMode: "HTML" }, Response.json({ ok: true, result: { message_id: 7 } }));
    expect([photo.method, photo.url, photo.body, photo.output]).toEqual(["POST", "https://api.telegram.org/bot%7Bkey%7D/sendPhoto", { chat_id: "@shop_news", photo: "https://cdn.example.com/p.jpg", caption: "<b>New</b>", parse_mode: "HTML" }, { message_id: 7 }]);
    const edited = await call("telegram.editMessageText", { chatId: "42", messageId: "7", text: "Shipped", parseMode: "none" }, Response.json({ ok: true, result: { message_id: 7, text: "Shipped" } }));
    expect(edited.body).toEqual({ chat_id: "42", message_id: 7, text: "Shipped" });
    const doc = await call("telegram.sendDocument", { chatId: "42", document: "BQACAgQ", silent: true }, Response.json({ ok: true, result: {} }));
    expect(doc.body).toEqual({ chat_id: "42", document: "BQACAgQ", disable_notification: true });
  });

  it("reads retry_after from a 429 body and refuses bad requests without a retry", async () => {
    const limited = errorOf((await call("telegram.sendMessage", { chatId: "1", text: "x" }, Response.json({ ok: false, error_code: 429, description: "Too Many Requests: retry after 14", parameters: { retry_after: 14 } }, { status: 429 }))).output);
    expect([limited.retriable, limited.retryAfterMs]).toEqual([true, 14_000]);
    const bad = errorOf((await call("telegram.sendMessage", { chatId: "1", text: "x" }, Response.json({ ok: false, error_code: 400, description: "Bad Request: chat not found" }, { status: 400 }))).output);
    expect([bad.message, bad.retriable]).toEqual(["Telegram POST /bot{key}/sendMessage answered 400: Bad Request: chat not found", false]);
  });
});

describe("Discord", () => {
  it("posts an embed, edits, reacts with an encoded emoji and starts a thread", async () => {
    const sent = await call("discord.sendMessage", { channelId: "11", embedTitle: "Order 7", embedDescription: "Paid", embedColor: "#5865F2", mentionEveryone: true }, Response.json({ id: "99" }));
    expect(sent.headers).toMatchObject({ "content-type": "application/json; charset=utf-8" });
    expect(sent.body).toEqual({ embeds: [{ title: "Order 7", description: "Paid", color: 0x5865f2 }], allowed_mentions: { parse: ["users", "roles", "everyone"] } });
    const edited = await call("discord.editMessage", { channelId: "11", messageId: "99", content: "Refunded" }, Response.json({ id: "99" }));
    expect([edited.method, edited.url]).toEqual(["PATCH", "https://discord.com/api/v10/channels/11/messages/99"]);
    const reacted = await call("discord.addReaction", { channelId: "11", messageId: "99", emoji: "✅" }, new Response(null, { status: 204 }));
    expect([reacted.method, reacted.url, reacted.output]).toEqual(["PUT", "https://discord.com/api/v10/channels/11/messages/99/reactions/%E2%9C%85/@me", { reacted: true }]);
    const thread = await call("discord.createThread", { channelId: "11", messageId: "99", name: "Order 7", autoArchiveMinutes: "60" }, Response.json({ id: "100" }, { status: 201 }));
    expect(thread.body).toEqual({ name: "Order 7", auto_archive_duration: 60 });
  });

  it("refuses a message with neither text nor embed before calling, and reads 429's retry_after", async () => {
    const empty = await call("discord.sendMessage", { channelId: "11" }, Response.json({}));
    expect(empty.sent).toBe(false);
    expect(errorOf(empty.output)).toMatchObject({ message: "Discord: Write a message or an embed", retriable: false });
    const limited = errorOf((await call("discord.sendMessage", { channelId: "11", content: "x" }, Response.json({ message: "You are being rate limited.", retry_after: 0.35, global: false }, { status: 429 }))).output);
    expect([limited.retriable, limited.retryAfterMs]).toEqual([true, 350]);
  });
});

describe("Microsoft Teams", () => {
  it("posts text and a designed Adaptive Card as one attachment", async () => {
    const text = await call("teams.postMessage", { text: "**Paid**" }, new Response("1", { status: 200 }));
    expect(text.body).toEqual({
      type: "message",
      attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4", body: [{ type: "TextBlock", text: "**Paid**", wrap: true }] } }],
    });
    expect(text.output).toEqual({ delivered: true, status: 200 });
    const card = await call("teams.postAdaptiveCard", { card: { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Hi" }], msteams: { width: "Full" } } }, new Response(null, { status: 202 }));
    expect((card.body as { attachments: { content: unknown }[] }).attachments[0].content).toMatchObject({ version: "1.5", msteams: { width: "Full" }, body: [{ type: "TextBlock", text: "Hi" }] });
  });

  it("counts a connector webhook's 200 with an error text as a failure, retried when throttled", async () => {
    const throttled = errorOf((await call("teams.postMessage", { text: "x" }, new Response("Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0", { status: 200 }))).output);
    expect(throttled.retriable).toBe(true);
    expect(throttled.message).toContain("delivery failed");
  });
});

describe("Twilio", () => {
  const settings = { username: "AC0123456789abcdef0123456789abcdef" };

  it("sends WhatsApp templates and calls with TwiML under the connection's Account SID", async () => {
    const whatsapp = await call("twilio.sendWhatsApp", { to: "+14155550100", from: "+14155550199", contentSid: "HXabc", contentVariables: { "1": "Ada" } }, Response.json({ sid: "SM1" }, { status: 201 }), settings);
    expect(whatsapp.url).toBe("https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json");
    expect(Object.fromEntries(new URLSearchParams(whatsapp.body as string))).toEqual({ To: "whatsapp:+14155550100", From: "whatsapp:+14155550199", ContentSid: "HXabc", ContentVariables: '{"1":"Ada"}' });
    const viaService = await call("twilio.sendSms", { to: "+1", from: "MG0123456789abcdef0123456789abcdef", body: "Hi" }, Response.json({ sid: "SM2" }, { status: 201 }), settings);
    expect(Object.fromEntries(new URLSearchParams(viaService.body as string))).toEqual({ To: "+1", MessagingServiceSid: "MG0123456789abcdef0123456789abcdef", Body: "Hi" });
    const call_ = await call("twilio.makeCall", { to: "+1", from: "+2", say: "Order <7> & more" }, Response.json({ sid: "CA1" }, { status: 201 }), settings);
    expect(new URLSearchParams(call_.body as string).get("Twiml")).toBe('<Response><Say voice="alice">Order &lt;7&gt; &amp; more</Say></Response>');
    const listed = await call("twilio.listMessages", { to: "+1", sentAfter: "2026-12-01", pageSize: 20 }, Response.json({ messages: [{ sid: "SM1" }] }), settings);
    expect([listed.url, listed.output]).toEqual(["https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json?To=%2B1&DateSent%3E=2026-12-01&PageSize=20", [{ sid: "SM1" }]]);
  });

  it("needs the Account SID as the connection's user name, and reads Twilio's error codes", async () => {
    const noSid = await call("twilio.sendSms", { to: "+1", from: "+2", body: "x" }, Response.json({}), { username: "SKapikey" });
    expect(noSid.sent).toBe(false);
    expect(errorOf(noSid.output).message).toContain("user name must be your Account SID");
    const invalid = errorOf((await call("twilio.sendSms", { to: "+1", from: "+2", body: "x" }, Response.json({ code: 21211, message: "The 'To' number +1 is not a valid phone number.", more_info: "https://www.twilio.com/docs/errors/21211", status: 400 }, { status: 400 }), settings)).output);
    expect([invalid.retriable, invalid.message.endsWith("21211: The 'To' number +1 is not a valid phone number. (https://www.twilio.com/docs/errors/21211)")]).toEqual([false, true]);
  });
});

describe("Mailchimp", () => {
  const hash = createHash("md5").update("ada@example.com").digest("hex");

  it("finds its data centre in the connection's user name and names members by the MD5 of their address", async () => {
    const tagged = await call("mailchimp.tagMember", { listId: "L1", email: " ADA@example.com", tags: ["vip", "2026"], remove: true }, new Response(null, { status: 204 }), { username: "us21" });
    expect([tagged.method, tagged.url]).toEqual(["POST", `https://us21.api.mailchimp.com/3.0/lists/L1/members/${hash}/tags`]);
    expect(tagged.body).toEqual({ tags: [{ name: "vip", status: "inactive" }, { name: "2026", status: "inactive" }] });
    const archived = await call("mailchimp.archiveMember", { listId: "L1", email: "ada@example.com" }, new Response(null, { status: 204 }), { username: "us21" });
    expect([archived.method, archived.url, archived.output]).toEqual(["DELETE", `https://us21.api.mailchimp.com/3.0/lists/L1/members/${hash}`, { email: "ada@example.com", archived: true }]);
    const found = await call("mailchimp.searchMembers", { query: "ada" }, Response.json({ exact_matches: { members: [{ id: hash }] }, full_search: { members: [] } }), { username: "us21" });
    expect([found.url, found.output]).toEqual(["https://us21.api.mailchimp.com/3.0/search-members?query=ada", { exact: [{ id: hash }], partial: [] }]);
  });

  it("says what to set when the user name is not a data centre, and reads problem documents", async () => {
    const noDc = await call("mailchimp.getMember", { listId: "L1", email: "ada@example.com" }, Response.json({}), { username: "me@example.com" });
    expect([noDc.sent, errorOf(noDc.output).message]).toEqual([false, "Mailchimp: set the connection's user name to your data centre, the end of your API key after the dash (e.g. us21)"]);
    const invalid = await call(
      "mailchimp.upsertMember",
      { listId: "L1", email: "ada@example.com", status: "subscribed", mergeFields: { PHONE: "x" } },
      Response.json({ title: "Invalid Resource", status: 400, detail: "Your merge fields were invalid.", errors: [{ field: "PHONE", message: "Please enter a valid phone number" }] }, { status: 400, headers: { "content-type": "application/problem+json" } }),
      { username: "us21" },
    );
    expect(errorOf(invalid.output).message).toContain("answered 400: Invalid Resource: Your merge fields were invalid.: PHONE: Please enter a valid phone number");
  });
});

describe("Trello", () => {
  it("updates, comments on and lists cards", async () => {
    const updated = await call("trello.updateCard", { cardId: "c1", listId: "l2", dueComplete: "done", archive: true }, Response.json({ id: "c1" }));
    expect([updated.method, updated.url, updated.body]).toEqual(["PUT", "https://api.trello.com/1/cards/c1", { idList: "l2", dueComplete: true, closed: true }]);
    const comment = await call("trello.addComment", { cardId: "c1", text: "Packed & sent" }, Response.json({ id: "a1" }));
    expect(comment.url).toBe("https://api.trello.com/1/cards/c1/actions/comments?text=Packed+%26+sent");
    const listed = await call("trello.listCards", { listId: "l2" }, Response.json([{ id: "c1" }]));
    expect(listed.url).toBe("https://api.trello.com/1/lists/l2/cards?fields=name%2Cdesc%2Cdue%2CdueComplete%2CidList%2CidMembers%2Clabels%2CshortUrl%2CdateLastActivity");
    const denied = errorOf((await call("trello.listCards", { listId: "l2" }, new Response("unauthorized card permission requested", { status: 401, headers: { "content-type": "text/plain" } }))).output);
    expect(denied.message).toBe("Trello GET /1/lists/l2/cards answered 401: unauthorized card permission requested");
  });
});

describe("Shopify", () => {
  const settings = { baseUrl: "https://acme.myshopify.com/admin/api/2025-10" };

  it("finds orders and tags a customer through GraphQL", async () => {
    const found = await call("shopify.findOrders", { search: "financial_status:paid", limit: 5 }, Response.json({ data: { orders: { nodes: [{ id: "gid://shopify/Order/1" }] } } }), settings);
    expect([found.url, (found.body as { variables: unknown }).variables, found.output]).toEqual(["https://acme.myshopify.com/admin/api/2025-10/graphql.json", { first: 5, query: "financial_status:paid" }, [{ id: "gid://shopify/Order/1" }]]);
    const tagged = await call("shopify.addTags", { resource: "Customer", id: "207119551", tags: ["vip"] }, Response.json({ data: { tagsAdd: { node: { id: "gid://shopify/Customer/207119551" }, userErrors: [] } } }), settings);
    expect((tagged.body as { variables: unknown }).variables).toEqual({ id: "gid://shopify/Customer/207119551", tags: ["vip"] });
  });

  it("needs the shop's address, and waits out a THROTTLED answer by its cost and restore rate", async () => {
    const noShop = await call("shopify.getOrder", { orderId: "1" }, Response.json({}));
    expect([noShop.sent, errorOf(noShop.output).message]).toEqual([false, "Shopify: set the connection's API base URL to your shop's Admin API, https://<your-shop>.myshopify.com/admin/api/2025-10"]);
    const throttled = errorOf(
      (
        await call(
          "shopify.getOrder",
          { orderId: "1" },
          Response.json({ errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: { cost: { requestedQueryCost: 112, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 12, restoreRate: 100 } } } }),
          settings,
        )
      ).output,
    );
    expect([throttled.retriable, throttled.retryAfterMs]).toEqual([true, 1000]);
  });
});

describe("Salesforce", () => {
  const settings = { baseUrl: "https://acme.my.salesforce.com/services/data/v62.0" };

  it("creates, updates, upserts and reads records", async () => {
    const created = await call("salesforce.createRecord", { object: "Lead", fields: { LastName: "Lovelace", Company: "Acme" } }, Response.json({ id: "00Q1", success: true, errors: [] }, { status: 201 }), settings);
    expect([created.method, created.url, created.body, created.output]).toEqual(["POST", "https://acme.my.salesforce.com/services/data/v62.0/sobjects/Lead/", { LastName: "Lovelace", Company: "Acme" }, { id: "00Q1", success: true, errors: [] }]);
    const updated = await call("salesforce.updateRecord", { object: "Lead", id: "00Q1", fields: { Status: "Working" } }, new Response(null, { status: 204 }), settings);
    expect([updated.method, updated.url, updated.output]).toEqual(["PATCH", "https://acme.my.salesforce.com/services/data/v62.0/sobjects/Lead/00Q1", { id: "00Q1", updated: true }]);
    const upserted = await call("salesforce.upsertRecord", { object: "Contact", externalIdField: "Order_Number__c", externalId: "A/17", fields: { LastName: "L" } }, new Response(null, { status: 204 }), settings);
    expect([upserted.url, upserted.output]).toEqual(["https://acme.my.salesforce.com/services/data/v62.0/sobjects/Contact/Order_Number__c/A%2F17", { created: false }]);
    const read = await call("salesforce.getRecord", { object: "Lead", id: "00Q1", fields: ["Id", "Status"] }, Response.json({ Id: "00Q1" }), settings);
    expect(read.url).toBe("https://acme.my.salesforce.com/services/data/v62.0/sobjects/Lead/00Q1?fields=Id%2CStatus");
  });

  it("reads Salesforce's error list; a locked row is retried", async () => {
    const invalid = errorOf((await call("salesforce.createRecord", { object: "Lead", fields: {} }, Response.json([{ message: "Required fields are missing: [LastName]", errorCode: "REQUIRED_FIELD_MISSING", fields: ["LastName"] }], { status: 400 }), settings)).output);
    expect([invalid.retriable, invalid.message.endsWith("answered 400: REQUIRED_FIELD_MISSING: Required fields are missing: [LastName] (LastName)")]).toEqual([false, true]);
    const locked = errorOf((await call("salesforce.updateRecord", { object: "Lead", id: "00Q1", fields: { Status: "x" } }, Response.json([{ message: "unable to obtain exclusive access to this record", errorCode: "UNABLE_TO_LOCK_ROW" }], { status: 400 }), settings)).output);
    expect(locked.retriable).toBe(true);
  });
});

describe("Slack events trigger", () => {
  const trigger = appTriggerOf("slack.onEvent")!.trigger;
  const callback = (event: object) => ({ headers: {}, body: { type: "event_callback", event_id: "Ev1", event } });
  const settings = { signingSecret: "s", events: [], ignoreBots: false };

  it("answers only Slack's URL check with its challenge", () => {
    expect(trigger.handshake!({ headers: {}, body: { type: "url_verification", challenge: "abc" } })).toEqual({ challenge: "abc" });
    expect(trigger.handshake!(callback({ type: "message" }))).toBeUndefined();
  });

  it("filters by event type and by channel, wherever the event's shape names it", () => {
    expect(trigger.accepts!(settings, callback({ type: "team_join", user: { id: "U1" } }))).toBe(true);
    expect(trigger.accepts!({ ...settings, events: ["app_mention"] }, callback({ type: "message", channel: "C1" }))).toBe(false);
    const inC1 = { ...settings, channel: "C1" };
    expect(trigger.accepts!(inC1, callback({ type: "channel_created", channel: { id: "C1", name: "launch" } }))).toBe(true);
    expect(trigger.accepts!(inC1, callback({ type: "reaction_added", item: { type: "message", channel: "C1" } }))).toBe(true);
    expect(trigger.accepts!(inC1, callback({ type: "message", channel: "C2" }))).toBe(false);
    // Slack's app_rate_limited notice and other non-event requests start nothing.
    expect(trigger.accepts!(settings, { headers: {}, body: { type: "app_rate_limited", minute_rate_limited: 1518467820 } })).toBe(false);
  });

  it("leaves out bots' messages only when asked", () => {
    const bot = callback({ type: "message", subtype: "bot_message", bot_id: "B1", channel: "C1" });
    expect(trigger.accepts!(settings, bot)).toBe(true);
    expect(trigger.accepts!({ ...settings, ignoreBots: true }, bot)).toBe(false);
  });
});
