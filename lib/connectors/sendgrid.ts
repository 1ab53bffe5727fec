import { Mail } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, defineTrigger, path, requiredChoicesField } from "./define";

const addresses = (value: string) =>
  value
    .split(",")
    .map((email) => email.trim())
    .filter(Boolean)
    .map((email) => ({ email }));

const recipients = z.string().trim().min(1, "Enter who receives it").meta({ title: "To", description: "One or more addresses, separated by commas." });
const from = z.string().trim().min(1, "Enter the sender").meta({ title: "From", description: "A verified sender of your SendGrid account." });
const fromName = z.string().trim().optional().meta({ title: "Sender name" });

/** What SendGrid answers a send (202, no body): accepted, with the id it gives the message. */
const accepted = ({ status, headers }: { status: number; headers: Record<string, string> }) => ({ accepted: status === 202, messageId: headers["x-message-id"] ?? null });

/** The Event Webhook's event types (the `event` of each event it posts). */
const EVENTS = {
  processed: "Processed",
  delivered: "Delivered",
  deferred: "Deferred",
  bounce: "Bounced or blocked",
  dropped: "Dropped",
  open: "Opened",
  click: "Clicked",
  spamreport: "Reported as spam",
  unsubscribe: "Unsubscribed",
  group_unsubscribe: "Unsubscribed from a group",
  group_resubscribe: "Resubscribed to a group",
};
type EmailEvent = keyof typeof EVENTS;

/** The webhook's setting that switches each event on: named as the event, except spam reports. */
const settingOf = (event: EmailEvent) => (event === "spamreport" ? "spam_report" : event);

interface PostedEvent {
  event?: unknown;
  sg_event_id?: unknown;
  sg_message_id?: unknown;
  email?: unknown;
  timestamp?: unknown;
}

/** What a repeat of an event repeats: its `sg_event_id`, which every event carries; without one, what identifies it otherwise. */
const eventKey = (e: PostedEvent) => (typeof e.sg_event_id === "string" && e.sg_event_id ? e.sg_event_id : `${String(e.sg_message_id)}:${String(e.event)}:${String(e.email)}:${String(e.timestamp)}`);

/**
 * SendGrid v3 (https://www.twilio.com/docs/sendgrid/api-reference). An API key as a Bearer
 * token; errors answer `{ errors: [{ message, field }] }`.
 */
export const sendgrid = defineConnector({
  id: "sendgrid",
  name: "SendGrid",
  description: "Transactional e-mail and marketing contacts.",
  icon: Mail,
  baseUrl: "https://api.sendgrid.com/v3",
  // SendGrid: 600 requests a minute for most endpoints.
  rateLimit: { requests: 10, per: "second" },
  testPath: "/scopes",
  auth: bearerAuth("An API key (SG.…) with Mail Send (and Marketing, for contacts) access, or Full Access for the e-mail event trigger, in a Bearer token connection."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const errors = (body as { errors?: { message?: string; field?: string | null }[] } | null)?.errors;
    return errors?.length ? { message: errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; ") } : undefined;
  },
  actions: [
    defineAction({
      name: "sendEmail",
      label: "Send e-mail",
      description: "Send an e-mail with your text (POST /mail/send).",
      props: {
        to: recipients,
        from,
        fromName,
        subject: z.string().trim().min(1, "Enter a subject").meta({ title: "Subject" }),
        text: z.string().optional().meta({ title: "Text", widget: "textarea" }),
        html: z.string().optional().meta({ title: "HTML", widget: "textarea" }),
        replyTo: z.string().trim().optional().meta({ title: "Reply to" }),
      },
      defaults: { to: "{{ trigger.body.email }}", from: "", subject: "Thanks for your order", text: "Hi {{ trigger.body.name }}, we received your order." },
      request: (p) => ({
        method: "POST",
        path: "/mail/send",
        json: {
          personalizations: [{ to: addresses(p.to) }],
          from: { email: p.from, ...(p.fromName ? { name: p.fromName } : {}) },
          ...(p.replyTo ? { reply_to: { email: p.replyTo } } : {}),
          subject: p.subject,
          // SendGrid wants text/plain before text/html.
          content: [...(p.text ? [{ type: "text/plain", value: p.text }] : []), ...(p.html ? [{ type: "text/html", value: p.html }] : [])],
        },
      }),
      output: accepted,
      sample: null,
      sampleStatus: 202,
    }),
    defineAction({
      name: "sendTemplate",
      label: "Send with a dynamic template",
      description: "Send an e-mail built from a dynamic template and its data (POST /mail/send).",
      props: {
        to: recipients,
        from,
        fromName,
        templateId: z.string().trim().min(1, "Enter the template id").meta({ title: "Template id", description: "d-…" }),
        data: z.record(z.string(), z.unknown()).optional().meta({ title: "Template data", description: "The values the template's {{handlebars}} read.", widget: "json" }),
      },
      defaults: { to: "{{ trigger.body.email }}", from: "", templateId: "", data: { name: "{{ trigger.body.name }}" } },
      request: (p) => ({
        method: "POST",
        path: "/mail/send",
        json: { personalizations: [{ to: addresses(p.to), ...(p.data ? { dynamic_template_data: p.data } : {}) }], from: { email: p.from, ...(p.fromName ? { name: p.fromName } : {}) }, template_id: p.templateId },
      }),
      output: accepted,
      sample: null,
      sampleStatus: 202,
    }),
    defineAction({
      name: "upsertContact",
      label: "Add or update contact",
      description: "Add a marketing contact, or update the one with that e-mail, optionally into lists (PUT /marketing/contacts).",
      props: {
        email: z.string().trim().min(1, "Enter the e-mail address").meta({ title: "E-mail" }),
        firstName: z.string().trim().optional().meta({ title: "First name" }),
        lastName: z.string().trim().optional().meta({ title: "Last name" }),
        listIds: z.array(z.string().trim().min(1)).optional().meta({ title: "List ids" }),
        customFields: z.record(z.string(), z.string()).optional().meta({ title: "Custom fields", description: "By custom field id (e1_T…).", widget: "keyvalue" }),
      },
      defaults: { email: "{{ trigger.body.email }}" },
      request: (p) => ({
        method: "PUT",
        path: "/marketing/contacts",
        json: {
          ...(p.listIds?.length ? { list_ids: p.listIds } : {}),
          contacts: [{ email: p.email, ...(p.firstName ? { first_name: p.firstName } : {}), ...(p.lastName ? { last_name: p.lastName } : {}), ...(p.customFields ? { custom_fields: p.customFields } : {}) }],
        },
      }),
      sample: { job_id: "2387e363-4104-4225-8960-4a5758492351" },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onEvent",
      label: "On email event",
      description: "Start a run for each e-mail event SendGrid reports (delivered, opened, bounced…), through a signed Event Webhook registered when the workflow goes live.",
      props: {
        events: requiredChoicesField(EVENTS, { title: "Events", description: "Opens and clicks need tracking on in SendGrid, (group) unsubscribes subscription tracking.", missing: "Choose at least one event" }),
      },
      defaults: { events: ["delivered", "bounce", "dropped"] },
      signature: "sendgrid",
      // SendGrid posts a list of events per request: one run per event asked for, each deduplicated by its sg_event_id.
      events: (p, { body }) => {
        if (!Array.isArray(body)) throw new Error("SendGrid posts a JSON list of events");
        const wanted = new Set<unknown>(p.events);
        return (body as PostedEvent[]).filter((e) => e !== null && typeof e === "object" && wanted.has(e.event)).map((e) => ({ key: eventKey(e), body: e }));
      },
      register: {
        create: (p, target) => ({
          method: "POST",
          path: "/user/webhooks/event/settings",
          json: { enabled: true, url: target.url, friendly_name: "Switchboard workflow", ...Object.fromEntries((Object.keys(EVENTS) as EmailEvent[]).map((event) => [settingOf(event), p.events.includes(event)])) },
        }),
        read: ({ body }) => {
          const id = (body as { id?: string } | null)?.id;
          if (!id) throw new Error("SendGrid's answer has no webhook id");
          return { id };
        },
        // Signing is switched on by a call of its own, whose answer is the key pair's public key.
        signingSecret: {
          request: (id) => ({ method: "PATCH", path: path`/user/webhooks/event/settings/signed/${id}`, json: { enabled: true } }),
          read: ({ body }) => {
            const key = (body as { public_key?: string } | null)?.public_key;
            if (!key) throw new Error("SendGrid's answer has no public key for the signed webhook");
            return key;
          },
        },
        remove: (_p, id) => ({ method: "DELETE", path: path`/user/webhooks/event/settings/${id}` }),
      },
      // An event from the Event Webhook reference's examples.
      sample: {
        email: "example@test.com",
        timestamp: 1513299569,
        "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>",
        event: "delivered",
        category: "cat facts",
        sg_event_id: "rWVYmVk90MjZJ9iohOBa3w==",
        sg_message_id: "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
        response: "250 OK",
        ip: "168.1.1.1",
        tls: 1,
      },
    }),
  ],
});
