import { NotebookPen } from "lucide-react";
import { z } from "zod";
import { bearerAuth, defineAction, defineConnector, defineTrigger, optionalChoicesField, path } from "./define";

/** Webhook event types (https://developers.notion.com/reference/webhooks-events-delivery). */
const EVENTS = {
  "page.created": "Page created",
  "page.properties_updated": "Page properties changed",
  "page.content_updated": "Page content changed",
  "page.moved": "Page moved",
  "page.deleted": "Page deleted",
  "page.undeleted": "Page restored",
  "database.created": "Database created",
  "database.schema_updated": "Database schema changed",
  "comment.created": "Comment added",
} as const;

/** Notion's rich text from plain text (one text object; Notion caps each at 2,000 characters). */
const richText = (content: string) => content.match(/[\s\S]{1,2000}/g)?.map((part) => ({ type: "text", text: { content: part } })) ?? [];

/** A rich text object as Notion returns it (Rich text in the API reference): plain text, no formatting. */
const sampleText = (content: string) => ({
  type: "text",
  text: { content, link: null },
  annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: "default" },
  plain_text: content,
  href: null,
});

/** A database item (page object), abridged from the Notion API reference (Page). */
const PAGE = {
  object: "page",
  id: "59833787-2cf9-4fdf-8782-e53db20768a5",
  created_time: "2025-03-14T09:27:00.000Z",
  last_edited_time: "2025-03-14T09:27:00.000Z",
  created_by: { object: "user", id: "ee5f0f84-409a-440f-983a-a5315961c6e4" },
  last_edited_by: { object: "user", id: "ee5f0f84-409a-440f-983a-a5315961c6e4" },
  cover: null,
  icon: null,
  parent: { type: "database_id", database_id: "d9824bdc-8445-4327-be8b-5b47500af6ce" },
  archived: false,
  in_trash: false,
  properties: {
    Status: { id: "Z%3ClH", type: "select", select: { id: "86ddb6ec-0627-47f8-800d-b65afd28be13", name: "New", color: "blue" } },
    Name: {
      id: "title",
      type: "title",
      title: [sampleText("Checkout fails for orders over 10 items")],
    },
  },
  url: "https://www.notion.so/Checkout-fails-for-orders-over-10-items-598337872cf94fdf8782e53db20768a5",
  public_url: null,
};

/**
 * Notion API, version 2022-06-28 (https://developers.notion.com/reference). An internal
 * integration's secret as a Bearer token, shared with the pages and databases it works on; errors
 * answer `{ object: "error", status, code, message }`.
 */
export const notion = defineConnector({
  id: "notion",
  name: "Notion",
  description: "Pages and databases in Notion.",
  icon: NotebookPen,
  baseUrl: "https://api.notion.com/v1",
  headers: { "Notion-Version": "2022-06-28" },
  // Notion: an average of 3 requests a second.
  rateLimit: { requests: 3, per: "second" },
  testPath: "/users/me",
  auth: bearerAuth("An internal integration secret (ntn_… or secret_…) in a Bearer token connection; share the databases and pages with the integration."),
  errorOf({ body, status }) {
    if (status < 400) return undefined;
    const error = body as { code?: string; message?: string } | null;
    return error?.message ? { message: error.code ? `${error.code}: ${error.message}` : error.message, retriable: status === 429 || status >= 500 } : undefined;
  },
  actions: [
    defineAction({
      name: "createDatabasePage",
      label: "Create database item",
      description: "Add a page to a database, with its title and other properties (POST /pages).",
      props: {
        databaseId: z.string().trim().min(1, "Enter the database id").meta({ title: "Database id", description: "The 32 characters in the database's URL." }),
        titleProperty: z.string().trim().min(1).default("Name").meta({ title: "Title property", description: "The name of the database's title column." }),
        title: z.string().min(1, "Enter the title").meta({ title: "Title" }),
        properties: z.record(z.string(), z.unknown()).optional().meta({ title: "Other properties", description: 'In Notion\'s property format, e.g. { "Status": { "select": { "name": "New" } } }.', widget: "json" }),
        content: z.string().optional().meta({ title: "Page text", description: "Paragraphs, one per line.", widget: "textarea" }),
      },
      defaults: { databaseId: "", titleProperty: "Name", title: "{{ trigger.body.subject }}" },
      request: (p) => ({
        method: "POST",
        path: "/pages",
        json: {
          parent: { database_id: p.databaseId },
          properties: { ...p.properties, [p.titleProperty]: { title: richText(p.title) } },
          ...(p.content ? { children: paragraphs(p.content) } : {}),
        },
      }),
      sample: PAGE,
    }),
    defineAction({
      name: "queryDatabase",
      label: "Query database",
      description: "Find a database's items matching a filter, sorted (POST /databases/{id}/query).",
      props: {
        databaseId: z.string().trim().min(1, "Enter the database id").meta({ title: "Database id" }),
        filter: z.record(z.string(), z.unknown()).optional().meta({ title: "Filter", description: 'Notion\'s filter object, e.g. { "property": "Status", "select": { "equals": "New" } }.', widget: "json" }),
        sorts: z.array(z.record(z.string(), z.unknown())).optional().meta({ title: "Sorts", description: 'e.g. [{ "property": "Due", "direction": "ascending" }].', widget: "json" }),
        pageSize: z.number().int().min(1).max(100).default(100).meta({ title: "Page size" }),
        startCursor: z.string().trim().optional().meta({ title: "Start cursor", description: "The previous page's next_cursor." }),
      },
      defaults: { databaseId: "", pageSize: 100 },
      request: (p) => ({
        method: "POST",
        path: path`/databases/${p.databaseId}/query`,
        json: { ...(p.filter ? { filter: p.filter } : {}), ...(p.sorts ? { sorts: p.sorts } : {}), page_size: p.pageSize, ...(p.startCursor ? { start_cursor: p.startCursor } : {}) },
      }),
      pages: {
        items: ({ body }) => (body as { results?: unknown[] }).results ?? [],
        next: ({ body }, request) => {
          const page = body as { has_more?: boolean; next_cursor?: string | null };
          return page.has_more && page.next_cursor ? { ...request, json: { ...(request.json as object), start_cursor: page.next_cursor } } : undefined;
        },
      },
      sample: { object: "list", results: [PAGE], next_cursor: null, has_more: false },
    }),
    defineAction({
      name: "appendText",
      label: "Append text to a page",
      description: "Add paragraphs at the end of a page (PATCH /blocks/{id}/children).",
      props: {
        pageId: z.string().trim().min(1, "Enter the page id").meta({ title: "Page id" }),
        content: z.string().min(1, "Enter the text").meta({ title: "Text", description: "Paragraphs, one per line.", widget: "textarea" }),
      },
      defaults: { pageId: "", content: "{{ trigger.body.note }}" },
      request: (p) => ({ method: "PATCH", path: path`/blocks/${p.pageId}/children`, json: { children: paragraphs(p.content) } }),
      // The appended blocks (Append block children reference).
      sample: {
        object: "list",
        results: [
          {
            object: "block",
            id: "c02fc1d3-db8b-45c5-a222-27595b15aea7",
            parent: { type: "page_id", page_id: PAGE.id },
            created_time: "2025-03-14T09:31:00.000Z",
            last_edited_time: "2025-03-14T09:31:00.000Z",
            created_by: PAGE.created_by,
            last_edited_by: PAGE.last_edited_by,
            has_children: false,
            archived: false,
            in_trash: false,
            type: "paragraph",
            paragraph: {
              rich_text: [sampleText("Customer called back: fixed after the update.")],
              color: "default",
            },
          },
        ],
        next_cursor: null,
        has_more: false,
      },
    }),
  ],
  triggers: [
    defineTrigger({
      name: "onEvent",
      label: "On workspace event",
      description: "Start when pages are created, changed, moved or deleted, databases change, or comments are added in the pages your integration can see (its webhook subscription).",
      props: {
        events: optionalChoicesField(EVENTS, { title: "Events", description: "Start only on these (the subscription must include them). Empty: every event Notion sends." }),
        verificationToken: z
          .string()
          .trim()
          .optional()
          .meta({
            title: "Verification token",
            description: "Notion sends it once, when you create the subscription: copy it from this workflow's Deliveries (the Ignored delivery) into here and into Notion's Verify dialog. Notion signs every event with it. Stored encrypted.",
            widget: "secret",
          }),
      },
      defaults: { events: ["page.created", "page.properties_updated"], verificationToken: "" },
      signature: { hmacHeader: "X-Notion-Signature", prefix: "sha256=" },
      signingSecretProp: "verificationToken",
      dedup: { expression: "body.id" },
      setup:
        "In your integration's settings (notion.so/profile/integrations → your integration → Webhooks), create a subscription with this URL and the events chosen here (publish and switch the workflow on first). Notion then sends a verification token: copy it from this workflow's Deliveries into the trigger's Verification token and into Notion's Verify dialog, and publish again.",
      verification: ({ body }) => {
        const request = body as Record<string, unknown> | null;
        return request && typeof request.verification_token === "string" && Object.keys(request).length === 1
          ? "Notion's verification token: copy verification_token from this body into the trigger and into Notion's Verify dialog"
          : undefined;
      },
      accepts: (p, { body }) => {
        const type = (body as { type?: string } | null)?.type;
        return !!type && (!p.events?.length || (p.events as string[]).includes(type));
      },
      // A page.created event (Webhooks reference: event types & delivery).
      sample: {
        id: "367cba44-b6f3-4c92-81e7-6a2e9659efd4",
        timestamp: "2025-03-14T09:27:04.285Z",
        workspace_id: "13950b26-c203-4f3b-b97d-93ec06319565",
        workspace_name: "Acme Support",
        subscription_id: "29d75c0d-5546-4414-8459-7b7a92f1fc4b",
        integration_id: "0ef2e755-4912-8096-91c1-00376a88a5ca",
        type: "page.created",
        authors: [{ id: "ee5f0f84-409a-440f-983a-a5315961c6e4", type: "person" }],
        attempt_number: 1,
        api_version: "2022-06-28",
        entity: { id: PAGE.id, type: "page" },
        data: { parent: { id: "d9824bdc-8445-4327-be8b-5b47500af6ce", type: "database" } },
      },
    }),
  ],
});

function paragraphs(content: string) {
  return content
    .split("\n")
    .filter((line) => line.trim())
    .slice(0, 100)
    .map((line) => ({ object: "block", type: "paragraph", paragraph: { rich_text: richText(line) } }));
}
