import { Megaphone } from "lucide-react";
import { z } from "zod";
import { basicAuth, type ConnectorContext, defineAction, defineConnector, defineTrigger, path, requiredChoicesField } from "./define";

/** The events of a list webhook (https://mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/). */
const EVENTS = {
  subscribe: "Subscribed",
  unsubscribe: "Unsubscribed",
  profile: "Profile updated",
  upemail: "E-mail address changed",
  cleaned: "Cleaned (bounced)",
  campaign: "Campaign sent",
} as const;

const listId = z.string().trim().min(1, "Give the audience id").meta({ title: "Audience id", description: "Audience → Settings → Audience name and defaults → Audience ID." });
const email = z.string().trim().min(1, "Give the e-mail address").meta({ title: "E-mail" });

/** Mailchimp names a list member by the MD5 of the lower-cased e-mail address. */
const subscriberHash = (address: string, context: ConnectorContext) => context.digest("md5", address.trim().toLowerCase());

/** A list member, abridged from the Marketing API reference (Lists/Members instance). */
const MEMBER = {
  id: "3e3417d7ef77d5932a6734b916515ed5",
  email_address: "ada@example.com",
  unique_email_id: "fab20fa03d",
  full_name: "Ada Lovelace",
  web_id: 123456789,
  email_type: "html",
  status: "subscribed",
  merge_fields: { FNAME: "Ada", LNAME: "Lovelace" },
  stats: { avg_open_rate: 0, avg_click_rate: 0 },
  ip_signup: "",
  timestamp_signup: "",
  ip_opt: "198.2.191.34",
  timestamp_opt: "2025-03-14T09:26:53+00:00",
  member_rating: 2,
  last_changed: "2025-03-14T09:26:53+00:00",
  language: "",
  vip: false,
  source: "API - Generic",
  tags_count: 1,
  tags: [{ id: 1234, name: "customer" }],
  list_id: "57afe96172",
};

/**
 * Mailchimp Marketing API 3.0 (https://mailchimp.com/developer/marketing/api/). The API lives in
 * the account's data centre (`https://us21.api.mailchimp.com/3.0`, the part of the API key after
 * the dash), which the connection's user name names, since Mailchimp ignores the user name of its
 * Basic auth. Errors are problem documents `{ title, status, detail, errors? }`.
 */
export const mailchimp = defineConnector({
  id: "mailchimp",
  name: "Mailchimp",
  description: "Add and update audience members, tag them and find them.",
  icon: Megaphone,
  baseUrl: (settings) => {
    const dc = typeof settings.username === "string" ? settings.username.trim().toLowerCase() : "";
    if (!/^[a-z]+\d+$/.test(dc)) throw new Error("set the connection's user name to your data centre, the end of your API key after the dash (e.g. us21)");
    return `https://${dc}.api.mailchimp.com/3.0`;
  },
  // Mailchimp: 10 simultaneous connections.
  rateLimit: { requests: 10, per: "second" },
  auth: basicAuth("A Basic auth connection: user name = your data centre, the end of your API key after the dash (e.g. us21); password = the API key."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const problem = body as { title?: string; detail?: string; errors?: { field?: string; message?: string }[] } | null;
    if (!problem?.title && !problem?.detail) return undefined;
    const fields = problem.errors?.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; ");
    return { message: [problem.title, problem.detail, fields].filter(Boolean).join(": ") };
  },
  actions: [
    defineAction({
      name: "upsertMember",
      label: "Add or update member",
      description: "Add a contact to an audience, or update the one with that e-mail (PUT /lists/{id}/members/{hash}).",
      props: {
        listId,
        email,
        status: z.enum(["subscribed", "pending", "unsubscribed", "transactional"]).default("subscribed").meta({
          title: "Status for a new member",
          optionLabels: { subscribed: "Subscribed", pending: "Pending (double opt-in e-mail)", unsubscribed: "Unsubscribed", transactional: "Transactional only" },
        }),
        updateStatus: z.boolean().optional().meta({ title: "Also set this status on an existing member" }),
        firstName: z.string().trim().optional().meta({ title: "First name" }),
        lastName: z.string().trim().optional().meta({ title: "Last name" }),
        mergeFields: z.record(z.string(), z.string()).optional().meta({ title: "Other merge fields", description: "By merge tag, e.g. PHONE, COMPANY.", widget: "keyvalue" }),
      },
      defaults: { listId: "", email: "{{ trigger.body.email }}", status: "subscribed", firstName: "{{ trigger.body.first_name }}" },
      request: (p, context) => {
        const mergeFields = { ...(p.firstName ? { FNAME: p.firstName } : {}), ...(p.lastName ? { LNAME: p.lastName } : {}), ...p.mergeFields };
        return {
          method: "PUT",
          path: path`/lists/${p.listId}/members/${subscriberHash(p.email, context)}`,
          json: { email_address: p.email, status_if_new: p.status, ...(p.updateStatus ? { status: p.status } : {}), ...(Object.keys(mergeFields).length ? { merge_fields: mergeFields } : {}) },
        };
      },
      sample: MEMBER,
    }),
    defineAction({
      name: "tagMember",
      label: "Tag member",
      description: "Add tags to a member, or remove them (POST /lists/{id}/members/{hash}/tags).",
      props: {
        listId,
        email,
        tags: z.array(z.string().trim().min(1)).min(1, "Give at least one tag").meta({ title: "Tags" }),
        remove: z.boolean().optional().meta({ title: "Remove these tags instead" }),
      },
      defaults: { listId: "", email: "{{ trigger.body.email }}", tags: ["customer"] },
      request: (p, context) => ({
        method: "POST",
        path: path`/lists/${p.listId}/members/${subscriberHash(p.email, context)}/tags`,
        json: { tags: p.tags.map((name) => ({ name, status: p.remove ? "inactive" : "active" })) },
      }),
      output: (_response, p) => ({ email: p.email, tags: p.tags, removed: !!p.remove }),
      sample: null,
      sampleStatus: 204,
    }),
    defineAction({
      name: "getMember",
      label: "Get member",
      description: "Read an audience member by e-mail (GET /lists/{id}/members/{hash}).",
      props: { listId, email },
      defaults: { listId: "", email: "{{ trigger.body.email }}" },
      request: (p, context) => ({ method: "GET", path: path`/lists/${p.listId}/members/${subscriberHash(p.email, context)}` }),
      sample: MEMBER,
    }),
    defineAction({
      name: "archiveMember",
      label: "Archive member",
      description: "Archive (unsubscribe and hide) an audience member (DELETE /lists/{id}/members/{hash}).",
      props: { listId, email },
      defaults: { listId: "", email: "{{ trigger.body.email }}" },
      request: (p, context) => ({ method: "DELETE", path: path`/lists/${p.listId}/members/${subscriberHash(p.email, context)}` }),
      output: (_response, p) => ({ email: p.email, archived: true }),
      sample: null,
      sampleStatus: 204,
    }),
    defineAction({
      name: "searchMembers",
      label: "Search members",
      description: "Find members by e-mail or name across audiences, or in one (GET /search-members).",
      props: { query: z.string().trim().min(1, "Enter what to search for").meta({ title: "Search for" }), listId: listId.optional() },
      defaults: { query: "{{ trigger.body.email }}" },
      request: (p) => ({ method: "GET", path: "/search-members", query: { query: p.query, list_id: p.listId } }),
      output: ({ body }) => {
        const found = body as { exact_matches?: { members?: unknown[] }; full_search?: { members?: unknown[] } } | null;
        return { exact: found?.exact_matches?.members ?? [], partial: found?.full_search?.members ?? [] };
      },
      sample: { exact_matches: { members: [MEMBER], total_items: 1 }, full_search: { members: [], total_items: 0 } },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onAudienceEvent",
      label: "On audience event",
      description: "Start when people subscribe, unsubscribe, change their profile or e-mail address, are cleaned, or a campaign is sent to an audience (a list webhook, created when the workflow goes live).",
      props: {
        listId,
        events: requiredChoicesField(EVENTS, { title: "Events", missing: "Choose at least one event" }),
        sources: requiredChoicesField({ user: "The subscriber", admin: "An account user", api: "The API (this workflow's own calls too)" }, { title: "Changes made by", missing: "Choose at least one source" }),
      },
      defaults: { listId: "", events: ["subscribe"], sources: ["user", "admin"] },
      // Mailchimp signs nothing and advises a secret in the URL: the webhook URL's token is one.
      signature: "none",
      // Mailchimp checks the URL with a GET when the webhook is created.
      probe: "GET",
      nestedForm: true,
      // No event id: one event is its type, time and subject.
      dedup: { expression: 'body.type & "|" & body.fired_at & "|" & (body.data.id ? body.data.id : body.data.email)' },
      register: {
        create: (p, target) => ({
          method: "POST",
          path: path`/lists/${p.listId}/webhooks`,
          json: { url: target.url, events: Object.fromEntries(Object.keys(EVENTS).map((e) => [e, (p.events as string[]).includes(e)])), sources: Object.fromEntries(["user", "admin", "api"].map((s) => [s, (p.sources as string[]).includes(s)])) },
        }),
        read: ({ body }) => ({ id: (body as { id: string }).id }),
        remove: (p, id) => ({ method: "DELETE", path: path`/lists/${p.listId}/webhooks/${id}` }),
      },
      // A "subscribe" delivery as read from its form (sync-audience-data-webhooks guide): every value a string.
      sample: {
        type: "subscribe",
        fired_at: "2025-03-14 09:26:53",
        data: {
          id: "8a25ff1d98",
          list_id: "57afe96172",
          email: "ada@example.com",
          email_type: "html",
          ip_opt: "198.2.191.34",
          ip_signup: "198.2.191.34",
          merges: { EMAIL: "ada@example.com", FNAME: "Ada", LNAME: "Lovelace", INTERESTS: "Newsletter,Product updates" },
        },
      },
    }),
  ],
});
