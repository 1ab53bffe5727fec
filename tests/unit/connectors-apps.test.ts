import { describe, expect, it } from "vitest";
import { getNodeDefinition } from "@/lib/nodes";
import { NodeError } from "@/lib/nodes/errors";
import type { NodeServices, StepNodeDefinition } from "@/lib/nodes/types";
import { unavailableServices } from "../support/node-services";

/**
 * Pipedrive, SendGrid, Airtable and Notion actions against fake answers shaped as each provider's
 * API reference documents them: the request (method, URL, headers, body) and the parsed output.
 */
type Call = { url: string; init: RequestInit & { connectionId?: string } };

const scope = { trigger: {}, steps: {}, run: { id: "run_1", workflowId: "wf_1", attempt: 0 }, input: {} };

async function call(type: string, config: Record<string, unknown>, answer: Response, baseUrl?: string) {
  const calls: Call[] = [];
  const asked: string[][] = [];
  const services: NodeServices = unavailableServices({
    async connectionSettings(_id, types) {
      asked.push(types);
      return { name: "Conn", type: types[0] as never, config: baseUrl ? { baseUrl } : {} };
    },
    async fetch(url, init) {
      calls.push({ url: String(url), init });
      return answer;
    },
  });
  const definition = getNodeDefinition(type) as StepNodeDefinition;
  const result = await definition
    .execute({ nodeId: "node_1", config: definition.config.parse({ connectionId: "c1", ...config }), scope, parents: {}, signal: new AbortController().signal, services })
    .then((r) => r.output, (error: unknown) => error);
  const sent = calls[0];
  return {
    output: result,
    asked,
    method: sent.init.method,
    url: sent.url,
    headers: Object.fromEntries(new Headers(sent.init.headers)),
    body: typeof sent.init.body === "string" ? (JSON.parse(sent.init.body) as unknown) : undefined,
  };
}

describe("Pipedrive", () => {
  it("creates a deal with numbers where the API wants numbers, and outputs data", async () => {
    const sent = await call("pipedrive.createDeal", { title: "Acme deal", value: "1200.50", currency: "EUR", personId: "42", stageId: "{{ x }}" }, Response.json({ success: true, data: { id: 7, title: "Acme deal" } }));
    expect(sent.asked).toEqual([["apiKey"]]);
    expect([sent.method, sent.url]).toEqual(["POST", "https://api.pipedrive.com/api/v2/deals"]);
    expect(sent.body).toEqual({ title: "Acme deal", value: 1200.5, currency: "EUR", person_id: 42, status: "open" });
    expect(sent.output).toEqual({ id: 7, title: "Acme deal" });
  });

  it("updates a deal, creates a person and searches persons", async () => {
    const updated = await call("pipedrive.updateDeal", { dealId: "7", status: "won" }, Response.json({ success: true, data: { id: 7, status: "won" } }), "https://acme.pipedrive.com");
    expect([updated.method, updated.url, updated.body]).toEqual(["PATCH", "https://acme.pipedrive.com/api/v2/deals/7", { status: "won" }]);
    const person = await call("pipedrive.createPerson", { name: "Ada", email: "ada@example.com", orgId: "3" }, Response.json({ success: true, data: { id: 9 } }));
    expect(person.body).toEqual({ name: "Ada", emails: [{ value: "ada@example.com", primary: true, label: "work" }], org_id: 3 });
    const found = await call("pipedrive.searchPersons", { term: "ada@example.com", fields: "email", exactMatch: true }, Response.json({ success: true, data: { items: [{ result_score: 1, item: { id: 9, name: "Ada" } }] } }));
    expect(found.url).toBe("https://api.pipedrive.com/api/v2/persons/search?term=ada%40example.com&fields=email&exact_match=true&limit=10");
    expect(found.output).toEqual([{ id: 9, name: "Ada" }]);
  });

  it("fails with Pipedrive's error and its detail", async () => {
    const failed = await call("pipedrive.createDeal", { title: "x" }, Response.json({ success: false, error: "Unauthorized", error_info: "Please check developers.pipedrive.com" }, { status: 401 }));
    expect(failed.output).toBeInstanceOf(NodeError);
    expect((failed.output as NodeError).message).toContain("answered 401: Unauthorized (Please check developers.pipedrive.com)");
  });
});

describe("SendGrid", () => {
  it("sends an e-mail: recipients split, text before HTML, the message id from the 202's header", async () => {
    const sent = await call(
      "sendgrid.sendEmail",
      { to: "ada@example.com, bob@example.com", from: "shop@example.com", fromName: "Shop", subject: "Hi", text: "Plain", html: "<p>Rich</p>" },
      new Response(null, { status: 202, headers: { "x-message-id": "msg_1" } }),
    );
    expect(sent.asked).toEqual([["bearer", "oauth2Code"]]);
    expect([sent.method, sent.url]).toEqual(["POST", "https://api.sendgrid.com/v3/mail/send"]);
    expect(sent.body).toEqual({
      personalizations: [{ to: [{ email: "ada@example.com" }, { email: "bob@example.com" }] }],
      from: { email: "shop@example.com", name: "Shop" },
      subject: "Hi",
      content: [
        { type: "text/plain", value: "Plain" },
        { type: "text/html", value: "<p>Rich</p>" },
      ],
    });
    expect(sent.output).toEqual({ accepted: true, messageId: "msg_1" });
  });

  it("sends a dynamic template and upserts a contact", async () => {
    const template = await call("sendgrid.sendTemplate", { to: "ada@example.com", from: "shop@example.com", templateId: "d-123", data: { name: "Ada" } }, new Response(null, { status: 202 }));
    expect(template.body).toEqual({ personalizations: [{ to: [{ email: "ada@example.com" }], dynamic_template_data: { name: "Ada" } }], from: { email: "shop@example.com" }, template_id: "d-123" });
    const contact = await call("sendgrid.upsertContact", { email: "ada@example.com", firstName: "Ada", listIds: ["l1"] }, Response.json({ job_id: "job_1" }, { status: 202 }));
    expect([contact.method, contact.url, contact.body, contact.output]).toEqual(["PUT", "https://api.sendgrid.com/v3/marketing/contacts", { list_ids: ["l1"], contacts: [{ email: "ada@example.com", first_name: "Ada" }] }, { job_id: "job_1" }]);
  });

  it("fails with SendGrid's field errors", async () => {
    const failed = await call("sendgrid.sendEmail", { to: "x", from: "y", subject: "s" }, Response.json({ errors: [{ message: "The from email does not contain a valid address.", field: "from.email" }] }, { status: 400 }));
    expect((failed.output as NodeError).message).toContain("answered 400: from.email: The from email does not contain a valid address.");
  });
});

describe("Airtable", () => {
  it("creates and updates a record, outputting the record", async () => {
    const record = { id: "rec1", createdTime: "2026-12-05T09:00:00.000Z", fields: { Name: "Ada" } };
    const created = await call("airtable.createRecord", { baseId: "appX", table: "Leads & contacts", fields: { Name: "Ada" }, typecast: true }, Response.json({ records: [record] }));
    expect([created.method, created.url, created.body, created.output]).toEqual(["POST", "https://api.airtable.com/v0/appX/Leads%20%26%20contacts", { records: [{ fields: { Name: "Ada" } }], typecast: true }, record]);
    const updated = await call("airtable.updateRecord", { baseId: "appX", table: "tblY", recordId: "rec1", fields: { Status: "Done" } }, Response.json({ records: [record] }));
    expect([updated.method, updated.url, updated.body]).toEqual(["PATCH", "https://api.airtable.com/v0/appX/tblY", { records: [{ id: "rec1", fields: { Status: "Done" } }], typecast: false }]);
  });

  it("lists records matching a formula and fails with Airtable's error", async () => {
    const listed = await call("airtable.listRecords", { baseId: "appX", table: "tblY", filterByFormula: "{Email} = 'a@b.c'", maxRecords: 5 }, Response.json({ records: [], offset: "itr1" }));
    expect(listed.url).toBe("https://api.airtable.com/v0/appX/tblY?filterByFormula=%7BEmail%7D+%3D+%27a%40b.c%27&maxRecords=5");
    expect(listed.output).toEqual({ records: [], offset: "itr1" });
    const failed = await call("airtable.listRecords", { baseId: "appX", table: "nope" }, Response.json({ error: { type: "TABLE_NOT_FOUND", message: "Could not find table nope" } }, { status: 404 }));
    expect((failed.output as NodeError).message).toContain("answered 404: TABLE_NOT_FOUND: Could not find table nope");
  });
});

describe("Notion", () => {
  it("creates a database item with its title, other properties and text, sending Notion-Version", async () => {
    const sent = await call(
      "notion.createDatabasePage",
      { databaseId: "db1", titleProperty: "Task", title: "Call Ada", properties: { Status: { select: { name: "New" } } }, content: "First line\n\nSecond line" },
      Response.json({ object: "page", id: "p1" }),
    );
    expect([sent.method, sent.url, sent.headers["notion-version"]]).toEqual(["POST", "https://api.notion.com/v1/pages", "2022-06-28"]);
    const paragraph = (content: string) => ({ object: "block", type: "paragraph", paragraph: { rich_text: [{ type: "text", text: { content } }] } });
    expect(sent.body).toEqual({
      parent: { database_id: "db1" },
      properties: { Status: { select: { name: "New" } }, Task: { title: [{ type: "text", text: { content: "Call Ada" } }] } },
      children: [paragraph("First line"), paragraph("Second line")],
    });
  });

  it("queries a database, appends text, and fails with Notion's error code", async () => {
    const queried = await call("notion.queryDatabase", { databaseId: "db1", filter: { property: "Status", select: { equals: "New" } }, pageSize: 10 }, Response.json({ object: "list", results: [], has_more: false, next_cursor: null }));
    expect([queried.method, queried.url, queried.body]).toEqual(["POST", "https://api.notion.com/v1/databases/db1/query", { filter: { property: "Status", select: { equals: "New" } }, page_size: 10 }]);
    const appended = await call("notion.appendText", { pageId: "p1", content: "Done" }, Response.json({ object: "list", results: [] }));
    expect([appended.method, appended.url]).toEqual(["PATCH", "https://api.notion.com/v1/blocks/p1/children"]);
    const failed = await call("notion.appendText", { pageId: "p2", content: "x" }, Response.json({ object: "error", status: 404, code: "object_not_found", message: "Could not find block with ID: p2." }, { status: 404 }));
    expect((failed.output as NodeError).message).toContain("answered 404: object_not_found: Could not find block with ID: p2.");
  });
});
