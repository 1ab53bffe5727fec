import { LifeBuoy } from "lucide-react";
import { z } from "zod";
import { basicAuth, type ConnectorResponse, defineAction, defineConnector, defineTrigger, path, requiredChoicesField, wholeNumberProp } from "./define";

/** Zendesk events a webhook subscribes to (https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/). */
const EVENTS = {
  "zen:event-type:user.created": "User created",
  "zen:event-type:user.deleted": "User deleted",
  "zen:event-type:user.role_changed": "User role changed",
  "zen:event-type:user.active_changed": "User suspended or reactivated",
  "zen:event-type:user.tags_changed": "User tags changed",
  "zen:event-type:user.custom_field_changed": "User field changed",
  "zen:event-type:organization.created": "Organization created",
  "zen:event-type:organization.deleted": "Organization deleted",
  "zen:event-type:organization.tags_changed": "Organization tags changed",
  "zen:event-type:organization.custom_field_changed": "Organization field changed",
} as const;

/**
 * What the Zendesk trigger sends for a ticket: Zendesk placeholders
 * (https://support.zendesk.com/hc/en-us/articles/4408886858138), filled in when the trigger fires.
 */
const TICKET_PAYLOAD = {
  ticket: {
    id: "{{ticket.id}}",
    subject: "{{ticket.title}}",
    description: "{{ticket.description}}",
    status: "{{ticket.status}}",
    priority: "{{ticket.priority}}",
    tags: "{{ticket.tags}}",
    url: "{{ticket.url}}",
    via: "{{ticket.via}}",
    requester: { id: "{{ticket.requester.id}}", name: "{{ticket.requester.name}}", email: "{{ticket.requester.email}}" },
    assignee: { name: "{{ticket.assignee.name}}", email: "{{ticket.assignee.email}}" },
    created_at: "{{ticket.created_at_with_timestamp}}",
    updated_at: "{{ticket.updated_at_with_timestamp}}",
  },
};

const TICKET_STATUSES = ["new", "open", "pending", "hold", "solved", "closed"] as const;

/** A ticket as the Tickets API answers it (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/). */
const TICKET_SAMPLE = {
  id: 35436,
  url: "https://example.zendesk.com/api/v2/tickets/35436.json",
  external_id: null,
  type: null,
  subject: "Where is my order?",
  raw_subject: "Where is my order?",
  description: "I ordered a week ago and have heard nothing since.",
  priority: "normal",
  status: "new",
  recipient: null,
  requester_id: 20978392,
  submitter_id: 20978392,
  assignee_id: null,
  organization_id: null,
  group_id: 98738,
  tags: ["order", "shipping"],
  via: { channel: "api" },
  custom_fields: [],
  created_at: "2025-11-10T15:30:00Z",
  updated_at: "2025-11-10T15:30:00Z",
};

/** Webhooks Zendesk signs with a secret of its own, read from the webhook after creating it. */
const webhookRegistration = {
  read: ({ body }: ConnectorResponse) => ({ id: String((body as { webhook: { id: string } }).webhook.id) }),
  signingSecret: {
    request: (id: string) => ({ method: "GET" as const, path: path`/webhooks/${id}/signing_secret` }),
    read: ({ body }: ConnectorResponse) => (body as { signing_secret: { secret: string } }).signing_secret.secret,
  },
  remove: (_p: unknown, id: string) => ({ method: "DELETE" as const, path: path`/webhooks/${id}` }),
};

const webhook = (url: string, subscriptions: string[]) => ({ webhook: { name: "Switchboard workflow", endpoint: url, http_method: "POST", request_format: "json", status: "active", subscriptions } });

const priority = z.enum(["urgent", "high", "normal", "low"]).optional().meta({ title: "Priority" });

/**
 * Zendesk Support API (https://developer.zendesk.com/api-reference/ticketing/). Basic auth with
 * `<agent e-mail>/token` as user name and an API token as password; the account's
 * https://<subdomain>.zendesk.com/api/v2 is the connection's API base URL. Errors answer
 * `{ error, description, details }` or `{ error: { title, message } }`.
 */
export const zendesk = defineConnector({
  id: "zendesk",
  name: "Zendesk",
  description: "Support tickets in Zendesk.",
  icon: LifeBuoy,
  baseUrl: "https://your-subdomain.zendesk.com/api/v2",
  // Zendesk: 200 requests a minute (Team plan).
  rateLimit: { requests: 200, per: "minute" },
  auth: basicAuth("A Basic auth connection: user name <agent e-mail>/token, an API token as password, and https://<subdomain>.zendesk.com/api/v2 as API base URL."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const answer = body as { error?: string | { title?: string; message?: string }; description?: string } | null;
    if (!answer?.error) return undefined;
    if (typeof answer.error === "object") return { message: [answer.error.title, answer.error.message].filter(Boolean).join(": ") };
    return { message: answer.description ? `${answer.error}: ${answer.description}` : answer.error };
  },
  actions: [
    defineAction({
      name: "createTicket",
      label: "Create ticket",
      description: "Open a ticket for a requester (POST /tickets.json).",
      props: {
        subject: z.string().trim().min(1, "Enter a subject").meta({ title: "Subject" }),
        comment: z.string().min(1, "Enter the first comment").meta({ title: "Description", widget: "textarea" }),
        requesterEmail: z.string().trim().optional().meta({ title: "Requester e-mail" }),
        requesterName: z.string().trim().optional().meta({ title: "Requester name" }),
        priority,
        tags: z.array(z.string().trim().min(1)).optional().meta({ title: "Tags" }),
      },
      defaults: { subject: "{{ trigger.body.subject }}", comment: "{{ trigger.body.message }}", requesterEmail: "{{ trigger.body.email }}" },
      request: (p) => ({
        method: "POST",
        path: "/tickets.json",
        json: {
          ticket: {
            subject: p.subject,
            comment: { body: p.comment },
            ...(p.requesterEmail ? { requester: { email: p.requesterEmail, ...(p.requesterName ? { name: p.requesterName } : {}) } } : {}),
            ...(p.priority ? { priority: p.priority } : {}),
            ...(p.tags?.length ? { tags: p.tags } : {}),
          },
        },
      }),
      output: ({ body }) => (body as { ticket?: unknown }).ticket ?? body,
      sample: { ticket: TICKET_SAMPLE },
    }),
    defineAction({
      name: "updateTicket",
      label: "Update ticket",
      description: "Change a ticket's status or priority and add a public reply or internal note (PUT /tickets/{id}.json).",
      props: {
        ticketId: wholeNumberProp({ title: "Ticket id" }),
        status: z.enum(["new", "open", "pending", "hold", "solved", "closed"]).optional().meta({ title: "Status" }),
        priority,
        comment: z.string().optional().meta({ title: "Comment", widget: "textarea" }),
        public: z.boolean().default(true).meta({ title: "Public reply", description: "Off: an internal note only agents see." }),
      },
      defaults: { ticketId: "{{ steps.ticket.id }}", public: true },
      request: (p) => ({
        method: "PUT",
        path: path`/tickets/${p.ticketId}.json`,
        json: { ticket: { ...(p.status ? { status: p.status } : {}), ...(p.priority ? { priority: p.priority } : {}), ...(p.comment ? { comment: { body: p.comment, public: p.public } } : {}) } },
      }),
      output: ({ body }) => (body as { ticket?: unknown }).ticket ?? body,
      sample: {
        ticket: { ...TICKET_SAMPLE, status: "pending", assignee_id: 235323, updated_at: "2025-11-10T16:05:12Z" },
        audit: {
          id: 2127301143,
          ticket_id: 35436,
          author_id: 235323,
          created_at: "2025-11-10T16:05:12Z",
          events: [
            { id: 1564245, type: "Comment", body: "Your order left our warehouse today.", public: true, author_id: 235323, attachments: [] },
            { id: 1564246, type: "Change", field_name: "status", value: "pending", previous_value: "new" },
          ],
          via: { channel: "api" },
        },
      },
    }),
    defineAction({
      name: "searchTickets",
      label: "Search tickets",
      description: "Find tickets with Zendesk's search syntax (GET /search.json, type:ticket).",
      props: {
        query: z.string().trim().min(1, "Enter what to find").meta({ title: "Search", description: "e.g. status:open requester:ada@example.com." }),
        sortBy: z.enum(["created_at", "updated_at", "priority", "status"]).optional().meta({ title: "Sort by" }),
        sortOrder: z.enum(["asc", "desc"]).default("desc").meta({ title: "Order" }),
      },
      defaults: { query: "status<solved requester:{{ trigger.body.email }}", sortOrder: "desc" },
      request: (p) => ({ method: "GET", path: "/search.json", query: { query: `type:ticket ${p.query}`, sort_by: p.sortBy, sort_order: p.sortOrder } }),
      sample: { results: [{ ...TICKET_SAMPLE, status: "open", result_type: "ticket" }], facets: null, next_page: null, previous_page: null, count: 1 },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onEvent",
      label: "On user or organization event",
      description: "Start when users or organizations are created, changed or deleted in Zendesk (a webhook subscribed to those events, created when the workflow goes live).",
      props: {
        events: requiredChoicesField(EVENTS, { title: "Events", missing: "Choose at least one event" }),
      },
      defaults: { events: ["zen:event-type:user.created"] },
      signature: "zendesk",
      // Each event has its own id; a retried request repeats it.
      dedup: { expression: "body.id" },
      register: {
        create: (p, target) => ({ method: "POST", path: "/webhooks", json: webhook(target.url, p.events as string[]) }),
        ...webhookRegistration,
      },
      sample: {
        type: "zen:event-type:user.created",
        account_id: 12514403,
        id: "2b24ef10-19d4-4740-93cf-8f98ec4776c0",
        time: "2025-11-10T15:30:00Z",
        zendesk_event_version: "2022-06-20",
        subject: "zen:user:6596848315901",
        detail: {
          created_at: "2025-11-10T15:30:00Z",
          email: "ada@example.com",
          external_id: "",
          default_group_id: "0",
          id: "6596848315901",
          organization_id: "0",
          role: "end-user",
          updated_at: "2025-11-10T15:30:00Z",
        },
        event: {},
      },
    }),
    defineTrigger({
      name: "onTicket",
      label: "On ticket",
      description: "Start when a ticket is created or updated in Zendesk, optionally only with a status or tag (a webhook and a Zendesk trigger that notifies it, created when the workflow goes live).",
      props: {
        when: z.enum(["created", "updated", "either"]).default("created").meta({ title: "When", optionLabels: { created: "A ticket is created", updated: "A ticket is updated", either: "A ticket is created or updated" } }),
        status: z.enum(TICKET_STATUSES).optional().meta({ title: "Only with status" }),
        tag: z.string().trim().optional().meta({ title: "Only with tag", description: "e.g. vip." }),
      },
      defaults: { when: "created" },
      signature: "zendesk",
      // An update of the same ticket at the same second is one event.
      dedup: { expression: 'body.ticket.id & "|" & body.ticket.updated_at' },
      register: {
        // Ticket activity reaches a webhook only through a trigger or automation.
        create: (_p, target) => ({ method: "POST", path: "/webhooks", json: webhook(target.url, ["conditional_ticket_events"]) }),
        ...webhookRegistration,
        route: {
          create: (p, subscription) => {
            const updateType = (value: string) => ({ field: "update_type", operator: "is", value });
            const all = [...(p.when === "either" ? [] : [updateType(p.when === "created" ? "Create" : "Change")]), ...(p.status ? [{ field: "status", operator: "is", value: p.status }] : []), ...(p.tag ? [{ field: "current_tags", operator: "includes", value: p.tag }] : [])];
            return {
              method: "POST",
              path: "/triggers",
              json: {
                trigger: {
                  title: "Switchboard workflow",
                  conditions: { all, any: p.when === "either" ? [updateType("Create"), updateType("Change")] : [] },
                  actions: [{ field: "notification_webhook", value: [subscription.id, JSON.stringify(TICKET_PAYLOAD)] }],
                },
              },
            };
          },
          read: ({ body }) => String((body as { trigger: { id: number | string } }).trigger.id),
          remove: (_p, id) => ({ method: "DELETE", path: path`/triggers/${id}` }),
        },
      },
      // TICKET_PAYLOAD with its placeholders filled in.
      sample: {
        ticket: {
          id: "35436",
          subject: "Where is my order?",
          description: "I ordered a week ago and have heard nothing since.",
          status: "New",
          priority: "Normal",
          tags: "order shipping",
          url: "example.zendesk.com/agent/tickets/35436",
          via: "Web Form",
          requester: { id: "20978392", name: "Ada Lovelace", email: "ada@example.com" },
          assignee: { name: "Grace Hopper", email: "grace@example.com" },
          created_at: "2025-11-10T15:30:00Z",
          updated_at: "2025-11-10T15:30:00Z",
        },
      },
    }),
  ],
});
