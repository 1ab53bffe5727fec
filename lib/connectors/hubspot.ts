import { Handshake } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, defineTrigger, optionalChoicesField, signingSecretField, wholeNumberProp } from "./define";

/** Webhook subscription types of a HubSpot app (https://developers.hubspot.com/docs/api-reference/webhooks-webhooks-v3/guide). */
const EVENTS = {
  "contact.creation": "Contact created",
  "contact.propertyChange": "Contact property changed",
  "contact.deletion": "Contact deleted",
  "company.creation": "Company created",
  "company.propertyChange": "Company property changed",
  "deal.creation": "Deal created",
  "deal.propertyChange": "Deal property changed",
  "deal.deletion": "Deal deleted",
  "ticket.creation": "Ticket created",
  "ticket.propertyChange": "Ticket property changed",
} as const;

interface HubSpotEvent {
  subscriptionType?: string;
  propertyName?: string;
}

const extra = z.record(z.string(), z.string()).optional().meta({ title: "More properties", description: "Other HubSpot properties by internal name, custom ones too.", widget: "keyvalue" });

/** Leaves out empty values: HubSpot would store them as cleared properties. */
function properties(values: Record<string, string | undefined>, more?: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries({ ...values, ...more }).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""));
}

/** A contact record as the CRM API answers it (crm/v3/objects/contacts reference). */
const CONTACT = {
  id: "25974",
  properties: {
    createdate: "2025-03-14T09:26:53.114Z",
    email: "ada@example.com",
    firstname: "Ada",
    lastname: "Lovelace",
    phone: "+44 20 7946 0958",
    company: "Analytical Engines Ltd",
    lifecyclestage: "lead",
    hs_object_id: "25974",
    lastmodifieddate: "2025-03-14T09:26:53.114Z",
  },
  createdAt: "2025-03-14T09:26:53.114Z",
  updatedAt: "2025-03-14T09:26:53.114Z",
  archived: false,
};

/**
 * HubSpot CRM API v3 (https://developers.hubspot.com/docs/api-reference/crm). Records carry
 * their fields in `properties`; errors answer `{ status: "error", message, category }`.
 */
export const hubspot = defineConnector({
  id: "hubspot",
  name: "HubSpot",
  description: "CRM contacts and deals.",
  icon: Handshake,
  baseUrl: "https://api.hubapi.com",
  // HubSpot: 5 search requests a second (100 per 10 s otherwise).
  rateLimit: { requests: 5, per: "second" },
  testPath: "/crm/v3/objects/contacts?limit=1",
  auth: bearerAuth("A private app's access token (pat-…) in a Bearer token connection. Scopes: crm.objects.contacts.read/write, crm.objects.deals.write."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const answer = body as { message?: string; category?: string } | null;
    return answer?.message ? { message: answer.category ? `${answer.category}: ${answer.message}` : answer.message } : undefined;
  },
  actions: [
    defineAction({
      name: "createContact",
      label: "Create contact",
      description: "Create a contact (POST /crm/v3/objects/contacts).",
      props: {
        email: z.string().trim().optional().meta({ title: "E-mail" }),
        firstname: z.string().trim().optional().meta({ title: "First name" }),
        lastname: z.string().trim().optional().meta({ title: "Last name" }),
        phone: z.string().trim().optional().meta({ title: "Phone" }),
        company: z.string().trim().optional().meta({ title: "Company" }),
        properties: extra,
      },
      defaults: { email: "{{ trigger.body.email }}" },
      request: (p) => ({ method: "POST", path: "/crm/v3/objects/contacts", json: { properties: properties({ email: p.email, firstname: p.firstname, lastname: p.lastname, phone: p.phone, company: p.company }, p.properties) } }),
      sample: CONTACT,
    }),
    defineAction({
      name: "createDeal",
      label: "Create deal",
      description: "Create a deal (POST /crm/v3/objects/deals).",
      props: {
        dealname: z.string().trim().min(1, "Name the deal").meta({ title: "Deal name" }),
        amount: z.string().trim().optional().meta({ title: "Amount" }),
        pipeline: z.string().trim().optional().meta({ title: "Pipeline", description: 'Internal pipeline ID; empty: "default".' }),
        dealstage: z.string().trim().optional().meta({ title: "Deal stage", description: "Internal stage ID, e.g. appointmentscheduled." }),
        closedate: z.string().trim().optional().meta({ title: "Close date", description: "ISO 8601, e.g. 2026-12-31T00:00:00Z." }),
        properties: extra,
      },
      defaults: { dealname: "{{ trigger.body.company }} deal" },
      request: (p) => ({
        method: "POST",
        path: "/crm/v3/objects/deals",
        json: { properties: properties({ dealname: p.dealname, amount: p.amount, pipeline: p.pipeline, dealstage: p.dealstage, closedate: p.closedate }, p.properties) },
      }),
      // A deal record (crm/v3/objects/deals reference).
      sample: {
        id: "18342876",
        properties: {
          amount: "1500.00",
          closedate: "2025-06-30T00:00:00Z",
          createdate: "2025-03-14T09:26:53.114Z",
          dealname: "Analytical Engines deal",
          dealstage: "appointmentscheduled",
          hs_lastmodifieddate: "2025-03-14T09:26:53.114Z",
          hs_object_id: "18342876",
          pipeline: "default",
        },
        createdAt: "2025-03-14T09:26:53.114Z",
        updatedAt: "2025-03-14T09:26:53.114Z",
        archived: false,
      },
    }),
    defineAction({
      name: "searchContacts",
      label: "Search contacts",
      description: "Find contacts by text or by one property (POST /crm/v3/objects/contacts/search).",
      props: {
        query: z.string().trim().optional().meta({ title: "Text", description: "Searches names, e-mail addresses, phone numbers and companies." }),
        propertyName: z.string().trim().optional().meta({ title: "Filter property", description: "e.g. email." }),
        operator: z.enum(["EQ", "NEQ", "CONTAINS_TOKEN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "GT", "GTE", "LT", "LTE"]).default("EQ").meta({ title: "Operator" }),
        value: z.string().optional().meta({ title: "Filter value" }),
        properties: z.array(z.string().trim().min(1)).optional().meta({ title: "Properties to return", description: "Empty: HubSpot's defaults (email, firstname, lastname…)." }),
        limit: z.number().int().min(1).max(200).default(10).meta({ title: "Page size" }),
        after: wholeNumberProp({ title: "After", description: "The previous page's paging.next.after." }).optional(),
      },
      defaults: { propertyName: "email", operator: "EQ", value: "{{ trigger.body.email }}", limit: 10 },
      request: (p) => ({
        method: "POST",
        path: "/crm/v3/objects/contacts/search",
        json: {
          ...(p.query ? { query: p.query } : {}),
          ...(p.propertyName ? { filterGroups: [{ filters: [{ propertyName: p.propertyName, operator: p.operator, ...(p.value !== undefined && !p.operator.includes("HAS_PROPERTY") ? { value: p.value } : {}) }] }] } : {}),
          ...(p.properties?.length ? { properties: p.properties } : {}),
          limit: p.limit,
          ...(p.after ? { after: p.after } : {}),
        },
      }),
      pages: {
        items: ({ body }) => (body as { results?: unknown[] }).results ?? [],
        next: ({ body }, request) => {
          const after = (body as { paging?: { next?: { after?: string } } }).paging?.next?.after;
          return after ? { ...request, json: { ...(request.json as object), after } } : undefined;
        },
      },
      // A search answer with HubSpot's default contact properties (crm/v3/objects/contacts/search reference).
      sample: {
        total: 2,
        results: [
          {
            id: CONTACT.id,
            properties: {
              createdate: CONTACT.properties.createdate,
              email: CONTACT.properties.email,
              firstname: CONTACT.properties.firstname,
              hs_object_id: CONTACT.id,
              lastmodifieddate: CONTACT.properties.lastmodifieddate,
              lastname: CONTACT.properties.lastname,
            },
            createdAt: CONTACT.createdAt,
            updatedAt: CONTACT.updatedAt,
            archived: false,
          },
        ],
        paging: { next: { after: "1" } },
      },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onEvent",
      label: "On CRM event",
      description: "Start when contacts, companies, deals or tickets are created, changed or deleted in HubSpot (your HubSpot app's webhooks).",
      props: {
        clientSecret: signingSecretField({ title: "Client secret", description: "Your HubSpot app's Auth → Client secret: HubSpot signs every request with it (signature v3).", missing: "Enter the app's client secret" }),
        events: optionalChoicesField(EVENTS, { title: "Events", description: "Start only when a request holds one of these (the app must subscribe to them in HubSpot). Empty: every event HubSpot sends." }),
        property: z.string().trim().optional().meta({ title: "Only changes of property", description: "For “property changed” events: the property's internal name, e.g. dealstage." }),
      },
      defaults: { clientSecret: "", events: ["contact.creation"], property: "" },
      signature: "hubspot",
      signingSecretProp: "clientSecret",
      // HubSpot sends up to 100 events in one request, as a list, and retries the same list.
      dedup: { expression: "$string(body.eventId)" },
      setup:
        "In your HubSpot app (developer account → Apps → your app → Webhooks), paste it as the Target URL, create subscriptions for the events chosen here, and activate them. HubSpot sends events in batches: the run's trigger body is the list.",
      accepts: (p, { body }) => {
        const events = (Array.isArray(body) ? body : [body]) as (HubSpotEvent | null)[];
        return events.some((event) => {
          if (!event?.subscriptionType) return false;
          if (p.events?.length && !(p.events as string[]).includes(event.subscriptionType)) return false;
          return !p.property || !event.subscriptionType.endsWith(".propertyChange") || event.propertyName === p.property;
        });
      },
      // A batch of one contact.creation event (webhooks v3 guide).
      sample: [
        {
          eventId: 3816279340,
          subscriptionId: 25,
          portalId: 33,
          appId: 1160452,
          occurredAt: 1741944413114,
          subscriptionType: "contact.creation",
          attemptNumber: 0,
          objectId: 25974,
          changeFlag: "CREATED",
          changeSource: "CRM_UI",
          sourceId: "userId:45678",
        },
      ],
    }),
  ],
});
