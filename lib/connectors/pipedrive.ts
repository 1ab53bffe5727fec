import { Handshake } from "lucide-react";
import { z } from "zod";
import { apiKeyAuth, defineAction, defineConnector, defineTrigger, path, wholeNumberProp } from "./define";

const id = (title: string) => wholeNumberProp({ title }).optional();
const numberOrNothing = (value: string | undefined) => (value && /^-?\d+$/.test(value) ? Number(value) : undefined);
/** Pipedrive answers `{ success, data }`; the node's output is `data`. */
const data = ({ body }: { body: unknown }) => (body as { data?: unknown }).data ?? body;

/** What webhooks v2 report on (https://pipedrive.readme.io/docs/guide-for-webhooks-v2). */
const OBJECTS = { deal: "Deal", person: "Person", organization: "Organization", lead: "Lead", activity: "Activity", note: "Note", product: "Product", "*": "Anything" } as const;
const ACTIONS = { create: "Added", change: "Changed", delete: "Deleted", "*": "Added, changed or deleted" } as const;
const keysOf = <T extends object>(options: T) => Object.keys(options) as [keyof T & string, ...(keyof T & string)[]];

/** A deal as API v2 answers it (Deals reference, GET/POST /api/v2/deals). */
const DEAL = {
  id: 1041,
  title: "Analytical Engines deal",
  creator_user_id: 8877,
  owner_id: 8877,
  value: 1500,
  currency: "EUR",
  person_id: 1101,
  org_id: 202,
  stage_id: 2,
  pipeline_id: 1,
  status: "open",
  probability: null,
  add_time: "2025-03-14T09:26:53Z",
  update_time: "2025-03-14T09:26:53Z",
  stage_change_time: null,
  close_time: null,
  won_time: null,
  lost_time: null,
  lost_reason: null,
  expected_close_date: "2025-06-30",
  is_archived: false,
  visible_to: 3,
  label_ids: [],
  custom_fields: {},
};

/**
 * Pipedrive API v2 (https://developers.pipedrive.com/docs/api/v1, the v2 endpoints). The API
 * token in the `x-api-token` header; answers `{ success, data }`, errors
 * `{ success: false, error, error_info }`.
 */
export const pipedrive = defineConnector({
  id: "pipedrive",
  name: "Pipedrive",
  description: "Deals and people in the Pipedrive CRM.",
  icon: Handshake,
  baseUrl: "https://api.pipedrive.com",
  // Pipedrive: burst limits from 20 per 2 s upwards by plan.
  rateLimit: { requests: 10, per: "second" },
  auth: apiKeyAuth("x-api-token", "Your personal API token (Settings → Personal preferences → API); for a company domain, set the API base URL to https://<company>.pipedrive.com."),
  errorOf({ body, status }) {
    const answer = body as { success?: boolean; error?: string; error_info?: string } | null;
    if (status < 400 && answer?.success !== false) return undefined;
    return answer?.error ? { message: answer.error_info ? `${answer.error} (${answer.error_info})` : answer.error } : undefined;
  },
  actions: [
    defineAction({
      name: "createDeal",
      label: "Create deal",
      description: "Create a deal (POST /api/v2/deals).",
      props: {
        title: z.string().trim().min(1, "Name the deal").meta({ title: "Title" }),
        value: z.string().trim().optional().meta({ title: "Value", description: "An amount, e.g. 1200.50." }),
        currency: z.string().trim().optional().meta({ title: "Currency", description: "e.g. EUR; empty: the company's default." }),
        personId: id("Person id"),
        orgId: id("Organization id"),
        stageId: id("Stage id"),
        status: z.enum(["open", "won", "lost"]).default("open").meta({ title: "Status" }),
      },
      defaults: { title: "{{ trigger.body.company }} deal", status: "open" },
      request: (p) => ({
        method: "POST",
        path: "/api/v2/deals",
        json: {
          title: p.title,
          ...(p.value ? { value: Number(p.value) } : {}),
          ...(p.currency ? { currency: p.currency } : {}),
          ...(numberOrNothing(p.personId) !== undefined ? { person_id: numberOrNothing(p.personId) } : {}),
          ...(numberOrNothing(p.orgId) !== undefined ? { org_id: numberOrNothing(p.orgId) } : {}),
          ...(numberOrNothing(p.stageId) !== undefined ? { stage_id: numberOrNothing(p.stageId) } : {}),
          status: p.status,
        },
      }),
      output: data,
      sample: { success: true, data: DEAL },
    }),
    defineAction({
      name: "updateDeal",
      label: "Update deal",
      description: "Change a deal's stage, status, value or title (PATCH /api/v2/deals/{id}).",
      props: {
        dealId: wholeNumberProp({ title: "Deal id" }),
        title: z.string().trim().optional().meta({ title: "Title" }),
        value: z.string().trim().optional().meta({ title: "Value" }),
        stageId: id("Stage id"),
        status: z.enum(["open", "won", "lost"]).optional().meta({ title: "Status" }),
      },
      defaults: { dealId: "{{ steps.deal.id }}" },
      request: (p) => ({
        method: "PATCH",
        path: path`/api/v2/deals/${p.dealId}`,
        json: {
          ...(p.title ? { title: p.title } : {}),
          ...(p.value ? { value: Number(p.value) } : {}),
          ...(numberOrNothing(p.stageId) !== undefined ? { stage_id: numberOrNothing(p.stageId) } : {}),
          ...(p.status ? { status: p.status } : {}),
        },
      }),
      output: data,
      sample: { success: true, data: { ...DEAL, stage_id: 3, update_time: "2025-03-15T14:02:11Z", stage_change_time: "2025-03-15T14:02:11Z" } },
    }),
    defineAction({
      name: "createPerson",
      label: "Create person",
      description: "Create a person with an e-mail address and phone (POST /api/v2/persons).",
      props: {
        name: z.string().trim().min(1, "Enter the name").meta({ title: "Name" }),
        email: z.string().trim().optional().meta({ title: "E-mail" }),
        phone: z.string().trim().optional().meta({ title: "Phone" }),
        orgId: id("Organization id"),
      },
      defaults: { name: "{{ trigger.body.name }}", email: "{{ trigger.body.email }}" },
      request: (p) => ({
        method: "POST",
        path: "/api/v2/persons",
        json: {
          name: p.name,
          ...(p.email ? { emails: [{ value: p.email, primary: true, label: "work" }] } : {}),
          ...(p.phone ? { phones: [{ value: p.phone, primary: true, label: "work" }] } : {}),
          ...(numberOrNothing(p.orgId) !== undefined ? { org_id: numberOrNothing(p.orgId) } : {}),
        },
      }),
      output: data,
      // A person (Persons reference, POST /api/v2/persons).
      sample: {
        success: true,
        data: {
          id: 1101,
          name: "Ada Lovelace",
          first_name: "Ada",
          last_name: "Lovelace",
          owner_id: 8877,
          org_id: 202,
          add_time: "2025-03-14T09:26:53Z",
          update_time: "2025-03-14T09:26:53Z",
          emails: [{ value: "ada@example.com", primary: true, label: "work" }],
          phones: [{ value: "+44 20 7946 0958", primary: true, label: "work" }],
          is_deleted: false,
          visible_to: 3,
          label_ids: [],
          picture_id: null,
          custom_fields: {},
        },
      },
    }),
    defineAction({
      name: "searchPersons",
      label: "Search persons",
      description: "Find people by name, e-mail or phone (GET /api/v2/persons/search).",
      props: {
        term: z.string().trim().min(2, "Search for at least 2 characters").meta({ title: "Search for" }),
        fields: z.enum(["email", "name", "phone", "notes", "custom_fields"]).optional().meta({ title: "In field", description: "Empty: every field." }),
        exactMatch: z.boolean().default(false).meta({ title: "Exact match" }),
        limit: z.number().int().min(1).max(500).default(10).meta({ title: "At most" }),
      },
      defaults: { term: "{{ trigger.body.email }}", fields: "email", exactMatch: true, limit: 10 },
      request: (p) => ({ method: "GET", path: "/api/v2/persons/search", query: { term: p.term, fields: p.fields, exact_match: p.exactMatch, limit: p.limit } }),
      output: ({ body }) => ((body as { data?: { items?: { item: unknown }[] } }).data?.items ?? []).map((entry) => entry.item),
      // Persons reference, GET /api/v2/persons/search.
      sample: {
        success: true,
        data: {
          items: [
            {
              result_score: 1.22,
              item: {
                id: 1101,
                type: "person",
                name: "Ada Lovelace",
                phones: ["+44 20 7946 0958"],
                emails: ["ada@example.com"],
                visible_to: 3,
                owner: { id: 8877 },
                organization: { id: 202, name: "Analytical Engines Ltd", address: null },
                custom_fields: [],
                notes: [],
              },
            },
          ],
        },
        additional_data: { next_cursor: null },
      },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onChange",
      label: "On change",
      description: "Start when a deal, person, organization, lead or activity is added, changed or deleted (a webhook Pipedrive gets when the workflow goes live).",
      props: {
        object: z.enum(keysOf(OBJECTS)).default("deal").meta({ title: "Object", optionLabels: OBJECTS }),
        action: z.enum(keysOf(ACTIONS)).default("create").meta({ title: "When it is", optionLabels: ACTIONS }),
      },
      defaults: { object: "deal", action: "create" },
      // Pipedrive calls with the Basic auth credentials it was given; the password is generated for each registration.
      signature: "basic",
      // A retried event repeats its meta block: the event id, or where a payload lacks it, the entity, action and time.
      dedup: { expression: 'body.meta.(id & "|" & entity & "|" & entity_id & "|" & action & "|" & timestamp)' },
      register: {
        create: (p, target) => ({
          method: "POST",
          path: "/v1/webhooks",
          json: { subscription_url: target.url, event_action: p.action, event_object: p.object, version: "2.0", http_auth_user: "switchboard", http_auth_password: target.secret },
        }),
        read: ({ body }) => {
          const id = (body as { data?: { id?: number | string } }).data?.id;
          if (id === undefined) throw new Error("Pipedrive's answer has no webhook id");
          return { id: String(id) };
        },
        remove: (_p, id) => ({ method: "DELETE", path: path`/v1/webhooks/${id}` }),
      },
      // A webhooks v2 "create deal" delivery (guide for webhooks v2).
      sample: {
        data: { ...DEAL, visible_to: "3", origin: "ManuallyCreated" },
        previous: null,
        meta: {
          action: "create",
          entity: "deal",
          entity_id: 1041,
          id: "a6f3b1e2-5c7d-4e8f-9a0b-1c2d3e4f5a6b",
          correlation_id: "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b",
          company_id: 9876543,
          user_id: 8877,
          timestamp: "2025-03-14T09:26:53.758Z",
          type: "general",
          version: "2.0",
          is_bulk_edit: false,
          change_source: "app",
          webhook_id: 456,
          webhook_owner_id: 8877,
          attempt: 1,
          host: "acme.pipedrive.com",
        },
      },
    }),
  ],
});
