import { Smartphone } from "lucide-react";
import { z } from "zod";
import { basicAuth, defineAction, defineConnector, defineTrigger, signingSecretField, path, type ConnectorContext } from "./define";

const phone = (title: string, description: string) => z.string().trim().min(1, `Enter ${title.toLowerCase()}`).meta({ title, description });
const mediaUrls = z.array(z.string().trim().min(1)).max(10).optional().meta({ title: "Media URLs", description: "Up to 10 public https URLs of images or files to attach." });

/** The account every resource lives under: the connection's user name when it is an Account SID (AC…). */
function accountSid({ settings }: ConnectorContext): string {
  const username = typeof settings.username === "string" ? settings.username.trim() : "";
  if (!/^AC[0-9a-fA-F]{32}$/.test(username)) throw new Error("the connection's user name must be your Account SID (AC… from the Twilio Console), with the Auth Token as password");
  return username;
}

/** Sender: a Messaging Service (MG…) sends from its pool, anything else is a From number. */
const sender = (from: string): { From?: string; MessagingServiceSid?: string } => (/^MG[0-9a-fA-F]{32}$/.test(from) ? { MessagingServiceSid: from } : { From: from });

const ACCOUNT_SID = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
const MESSAGE_SID = "SM1f0e8ae6ade43cb3c0ce4525424e404f";

/** A Message resource as creating one answers it (https://www.twilio.com/docs/messaging/api/message-resource). */
const MESSAGE_SAMPLE = {
  account_sid: ACCOUNT_SID,
  api_version: "2010-04-01",
  body: "Your order 1001 has shipped.",
  date_created: "Mon, 10 Nov 2025 15:30:00 +0000",
  date_sent: null,
  date_updated: "Mon, 10 Nov 2025 15:30:00 +0000",
  direction: "outbound-api",
  error_code: null,
  error_message: null,
  from: "+15017122661",
  messaging_service_sid: null,
  num_media: "0",
  num_segments: "1",
  price: null,
  price_unit: "USD",
  sid: MESSAGE_SID,
  status: "queued",
  subresource_uris: { media: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${MESSAGE_SID}/Media.json` },
  to: "+14155550100",
  uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${MESSAGE_SID}.json`,
};

/**
 * Twilio REST API 2010-04-01 (https://www.twilio.com/docs/usage/api): HTTP Basic with the Account
 * SID and Auth Token, form-encoded bodies whose lists repeat their key (`MediaUrl=…&MediaUrl=…`),
 * errors `{ code, message, more_info, status }`.
 */
export const twilio = defineConnector({
  id: "twilio",
  name: "Twilio",
  description: "Send SMS and WhatsApp messages, place calls and read message history.",
  icon: Smartphone,
  baseUrl: "https://api.twilio.com/2010-04-01",
  auth: basicAuth("A Basic auth connection: user name = your Account SID (AC…), password = your Auth Token."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const error = body as { code?: number; message?: string; more_info?: string } | null;
    if (!error?.message) return undefined;
    // 20429 is "Too Many Requests"; 21610 (recipient unsubscribed), 21211 (invalid number)… cannot pass on a retry.
    return { message: `${error.code ? `${error.code}: ` : ""}${error.message}${error.more_info ? ` (${error.more_info})` : ""}`, retriable: status === 429 || status >= 500 || error.code === 20429 };
  },
  actions: [
    defineAction({
      name: "sendSms",
      label: "Send SMS",
      description: "Send a text message, or an MMS with media (POST /Accounts/{sid}/Messages.json).",
      props: {
        to: phone("To", "The recipient in E.164 form, e.g. +14155550100."),
        from: phone("From", "Your Twilio number (+1…) or a Messaging Service SID (MG…)."),
        body: z.string().min(1, "Write the message").max(1600).meta({ title: "Message", widget: "textarea" }),
        mediaUrls,
        statusCallback: z.string().trim().optional().meta({ title: "Status callback URL", description: "Twilio reports delivery here, e.g. a Switchboard webhook URL." }),
      },
      defaults: { to: "{{ trigger.body.phone }}", from: "", body: "Your order {{ trigger.body.id }} has shipped." },
      request: (p, context) => ({
        method: "POST",
        path: path`/Accounts/${accountSid(context)}/Messages.json`,
        form: { To: p.to, ...sender(p.from), Body: p.body, ...(p.mediaUrls?.length ? { MediaUrl: p.mediaUrls } : {}), ...(p.statusCallback ? { StatusCallback: p.statusCallback } : {}) },
        repeatFormKeys: true,
      }),
      sample: MESSAGE_SAMPLE,
    }),
    defineAction({
      name: "sendWhatsApp",
      label: "Send WhatsApp message",
      description: "Send a WhatsApp message: free text inside the 24-hour window, or an approved template (Content SID) outside it.",
      props: {
        to: phone("To", "The recipient's number, e.g. +14155550100 (whatsapp: is added)."),
        from: phone("From", "Your WhatsApp sender number, or a Messaging Service SID (MG…)."),
        body: z.string().max(1600).optional().meta({ title: "Message", widget: "textarea" }),
        contentSid: z.string().trim().optional().meta({ title: "Template (Content SID)", description: "HX…, for a pre-approved template." }),
        contentVariables: z.record(z.string(), z.string()).optional().meta({ title: "Template variables", description: "By placeholder number: 1 → “Ada”.", widget: "keyvalue" }),
        mediaUrls,
      },
      defaults: { to: "{{ trigger.body.phone }}", from: "", body: "Hi {{ trigger.body.name }}, your order is on its way." },
      request: (p, context) => {
        if (!p.body && !p.contentSid) throw new Error("Write a message or choose a template (Content SID)");
        const whatsapp = (number: string) => (number.startsWith("whatsapp:") ? number : `whatsapp:${number}`);
        const from = sender(p.from.replace(/^whatsapp:/, ""));
        return {
          method: "POST",
          path: path`/Accounts/${accountSid(context)}/Messages.json`,
          form: {
            To: whatsapp(p.to),
            ...(from.From ? { From: whatsapp(from.From) } : from),
            ...(p.body ? { Body: p.body } : {}),
            ...(p.contentSid ? { ContentSid: p.contentSid } : {}),
            ...(p.contentVariables ? { ContentVariables: JSON.stringify(p.contentVariables) } : {}),
            ...(p.mediaUrls?.length ? { MediaUrl: p.mediaUrls } : {}),
          },
          repeatFormKeys: true,
        };
      },
      sample: { ...MESSAGE_SAMPLE, body: "Hi Ada, your order is on its way.", from: "whatsapp:+15017122661", to: "whatsapp:+14155550100" },
    }),
    defineAction({
      name: "makeCall",
      label: "Make call",
      description: "Call a number and read a message aloud (POST /Accounts/{sid}/Calls.json with TwiML).",
      props: {
        to: phone("To", "The number to call, e.g. +14155550100."),
        from: phone("From", "Your Twilio number."),
        say: z.string().min(1, "Write what to say").max(4000).meta({ title: "Say", description: "Read aloud when the call is answered.", widget: "textarea" }),
        voice: z.enum(["alice", "man", "woman", "Polly.Joanna", "Polly.Matthew", "Polly.Amy"]).default("alice").meta({ title: "Voice" }),
      },
      defaults: { to: "", from: "", say: "Order {{ trigger.body.id }} needs your attention.", voice: "alice" },
      request: (p, context) => ({ method: "POST", path: path`/Accounts/${accountSid(context)}/Calls.json`, form: { To: p.to, From: p.from, Twiml: `<Response><Say voice="${escapeXml(p.voice)}">${escapeXml(p.say)}</Say></Response>` } }),
      sample: {
        account_sid: ACCOUNT_SID,
        answered_by: null,
        api_version: "2010-04-01",
        caller_name: null,
        date_created: "Mon, 10 Nov 2025 15:30:00 +0000",
        date_updated: "Mon, 10 Nov 2025 15:30:00 +0000",
        direction: "outbound-api",
        duration: null,
        end_time: null,
        from: "+15017122661",
        from_formatted: "(501) 712-2661",
        parent_call_sid: null,
        phone_number_sid: "PN2a0747eba6abf96b7e3c3ff0b4530f6e",
        price: null,
        price_unit: "USD",
        queue_time: "0",
        sid: "CAe1644a7eed5088b159577c5802d8be38",
        start_time: null,
        status: "queued",
        to: "+14155550100",
        to_formatted: "(415) 555-0100",
        uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/CAe1644a7eed5088b159577c5802d8be38.json`,
      },
    }),
    defineAction({
      name: "listMessages",
      label: "List messages",
      description: "Read sent and received messages, newest first, filtered by number and date (GET /Accounts/{sid}/Messages.json).",
      props: {
        to: z.string().trim().optional().meta({ title: "To" }),
        from: z.string().trim().optional().meta({ title: "From" }),
        sentAfter: z.string().trim().optional().meta({ title: "Sent on or after", description: "A date, YYYY-MM-DD." }),
        pageSize: z.number().int().min(1).max(1000).default(50).meta({ title: "How many" }),
      },
      defaults: { pageSize: 50 },
      request: (p, context) => ({ method: "GET", path: path`/Accounts/${accountSid(context)}/Messages.json`, query: { To: p.to, From: p.from, "DateSent>": p.sentAfter, PageSize: p.pageSize } }),
      // next_page_uri starts with the API version the base URL already ends in, and carries the page token.
      pages: {
        items: ({ body }) => (body as { messages?: unknown[] }).messages ?? [],
        next: ({ body }) => {
          const next = (body as { next_page_uri?: string | null }).next_page_uri;
          if (!next) return undefined;
          const url = new URL(next, "https://api.twilio.com");
          return { method: "GET", path: url.pathname.replace(/^\/2010-04-01/, ""), query: Object.fromEntries(url.searchParams) };
        },
      },
      output: ({ body }) => (body as { messages?: unknown[] } | null)?.messages ?? [],
      sample: {
        end: 0,
        first_page_uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?PageSize=50&Page=0`,
        messages: [{ ...MESSAGE_SAMPLE, date_sent: "Mon, 10 Nov 2025 15:30:01 +0000", price: "-0.00790", status: "delivered" }],
        next_page_uri: null,
        page: 0,
        page_size: 50,
        previous_page_uri: null,
        start: 0,
        uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?PageSize=50&Page=0`,
      },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onMessage",
      label: "On incoming message",
      description: "Start when one of your Twilio numbers receives an SMS or MMS (the number's messaging webhook, set when the workflow goes live).",
      props: {
        phoneNumberSid: z
          .string()
          .trim()
          .regex(/^PN[0-9a-fA-F]{32}$/, "A phone number SID starts with PN and has 32 more characters")
          .meta({ title: "Phone number SID", description: "Console → Phone Numbers → Active numbers → the number's SID (PN…). Its “A message comes in” URL is set to this workflow, replacing what was there." }),
        authToken: signingSecretField({ title: "Auth Token", description: "Twilio signs every request with the account's primary Auth Token (also when the connection uses an API key).", missing: "Enter the account's Auth Token" }),
      },
      defaults: { phoneNumberSid: "", authToken: "" },
      signature: "twilio",
      signingSecretProp: "authToken",
      dedup: { expression: "body.MessageSid" },
      // Twilio reads the answer as TwiML instructions: an empty <Response/> sends no reply (the workflow may send one with Send SMS).
      reply: { contentType: "text/xml", body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' },
      register: {
        create: (p, target, context) => ({ method: "POST", path: path`/Accounts/${accountSid(context)}/IncomingPhoneNumbers/${p.phoneNumberSid}.json`, form: { SmsUrl: target.url, SmsMethod: "POST" } }),
        read: ({ body }) => ({ id: (body as { sid: string }).sid }),
        remove: (_p, id, context) => ({ method: "POST", path: path`/Accounts/${accountSid(context)}/IncomingPhoneNumbers/${id}.json`, form: { SmsUrl: "" } }),
      },
      // The form fields of an incoming SMS (https://www.twilio.com/docs/messaging/guides/webhook-request).
      sample: {
        ToCountry: "US",
        ToState: "CA",
        SmsMessageSid: "SM9c6b4f2e2d3e4d8b9f6a1c2b3d4e5f60",
        NumMedia: "0",
        ToCity: "SAN FRANCISCO",
        FromZip: "94105",
        SmsSid: "SM9c6b4f2e2d3e4d8b9f6a1c2b3d4e5f60",
        FromState: "CA",
        SmsStatus: "received",
        FromCity: "SAN FRANCISCO",
        Body: "Where is my order?",
        FromCountry: "US",
        To: "+15017122661",
        ToZip: "94103",
        NumSegments: "1",
        MessageSid: "SM9c6b4f2e2d3e4d8b9f6a1c2b3d4e5f60",
        AccountSid: ACCOUNT_SID,
        From: "+14155550100",
        ApiVersion: "2010-04-01",
      },
    }),
  ],
});

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}
