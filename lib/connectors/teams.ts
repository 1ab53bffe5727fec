import { UsersRound } from "lucide-react";
import { z } from "zod";
import { defineAction, defineConnector, webhookUrlAuth, type ConnectorResponse } from "./define";

const CARD_BASE = { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4" };

/** A message holding one Adaptive Card, the shape Teams incoming webhooks (Workflows and the older connectors) accept. */
function cardMessage(card: Record<string, unknown>) {
  return { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }] };
}

/** Workflows webhooks answer 202 with no body; the older Office 365 connector webhooks answer 200 "1". */
const delivered = ({ status }: ConnectorResponse) => ({ delivered: true, status });

/**
 * Microsoft Teams incoming webhooks (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook):
 * the channel's webhook address is the credential, so the connection's key is that whole URL.
 * Messages are Adaptive Cards. The older connector webhooks report some failures (a throttled
 * channel) as HTTP 200 with an error text, which counts as a failure here.
 */
export const teams = defineConnector({
  id: "teams",
  name: "Microsoft Teams",
  description: "Post messages and cards to a Teams channel through its incoming webhook.",
  icon: UsersRound,
  baseUrl: "https://teams-incoming-webhook.invalid",
  // Incoming webhooks: 4 requests a second.
  rateLimit: { requests: 4, per: "second" },
  auth: webhookUrlAuth("The channel's incoming webhook address (Workflows → “Post to a channel when a webhook request is received”, or a connector webhook)."),
  errorOf({ body, status }) {
    const text = typeof body === "string" ? body.trim() : "";
    if (status < 400 && !/failed|error/i.test(text)) return undefined;
    return { message: text.slice(0, 300) || `HTTP ${status}`, retriable: status === 429 || status >= 500 || /\b429\b/.test(text) };
  },
  actions: [
    defineAction({
      name: "postMessage",
      label: "Post message",
      description: "Post a text message (Markdown: **bold**, lists, links) to the channel.",
      props: { text: z.string().min(1, "Write the message").meta({ title: "Message", widget: "textarea" }) },
      defaults: { text: "New order {{ trigger.body.id }}" },
      request: (p) => ({ method: "POST", path: "/", json: cardMessage({ ...CARD_BASE, body: [{ type: "TextBlock", text: p.text, wrap: true }] }) }),
      output: delivered,
      sample: null,
      sampleStatus: 202,
    }),
    defineAction({
      name: "postCard",
      label: "Post card",
      description: "Post a card with a title, text, a table of facts and a button.",
      props: {
        title: z.string().trim().min(1, "Give the card a title").meta({ title: "Title" }),
        text: z.string().optional().meta({ title: "Text", widget: "textarea" }),
        facts: z.record(z.string(), z.string()).optional().meta({ title: "Facts", description: "Label and value pairs shown as a table.", widget: "keyvalue" }),
        buttonLabel: z.string().trim().optional().meta({ title: "Button label" }),
        buttonUrl: z.string().trim().optional().meta({ title: "Button link" }),
        accent: z.enum(["default", "good", "warning", "attention"]).default("default").meta({ title: "Title colour", optionLabels: { default: "Default", good: "Green", warning: "Amber", attention: "Red" } }),
      },
      defaults: { title: "Order {{ trigger.body.id }}", facts: { Customer: "{{ trigger.body.email }}", Total: "{{ trigger.body.total }}" }, accent: "default" },
      request: (p) => {
        const facts = Object.entries(p.facts ?? {});
        return {
          method: "POST",
          path: "/",
          json: cardMessage({
            ...CARD_BASE,
            body: [
              { type: "TextBlock", text: p.title, weight: "Bolder", size: "Medium", wrap: true, ...(p.accent === "default" ? {} : { color: p.accent }) },
              ...(p.text ? [{ type: "TextBlock", text: p.text, wrap: true }] : []),
              ...(facts.length ? [{ type: "FactSet", facts: facts.map(([title, value]) => ({ title, value })) }] : []),
            ],
            ...(p.buttonLabel && p.buttonUrl ? { actions: [{ type: "Action.OpenUrl", title: p.buttonLabel, url: p.buttonUrl }] } : {}),
          }),
        };
      },
      output: delivered,
      sample: null,
      sampleStatus: 202,
    }),
    defineAction({
      name: "postAdaptiveCard",
      label: "Post Adaptive Card",
      description: "Post an Adaptive Card you designed (adaptivecards.io/designer): its JSON, with expressions inside.",
      props: {
        card: z
          .record(z.string(), z.unknown())
          .refine((card) => card.type === "AdaptiveCard", "The card's “type” must be “AdaptiveCard”")
          .meta({ title: "Card", description: "The card JSON from the designer.", widget: "json" }),
      },
      defaults: { card: { type: "AdaptiveCard", version: "1.4", body: [{ type: "TextBlock", text: "Order {{ trigger.body.id }}", wrap: true }] } },
      request: (p) => ({ method: "POST", path: "/", json: cardMessage({ ...CARD_BASE, ...p.card }) }),
      output: delivered,
      sample: null,
      sampleStatus: 202,
    }),
  ],
});
