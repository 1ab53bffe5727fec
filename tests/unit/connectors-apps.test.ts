import { describe, expect, it } from "vitest";
import { NodeError } from "@/lib/nodes/errors";
import { callConnector as call } from "../support/connector-call";

/**
 * Pipedrive, SendGrid, Airtable and Notion actions against fake answers shaped as each provider's
 * API reference documents them: the request (method, URL, headers, body) and the parsed output.
 */
describe("Pipedrive", () => {
  it("creates a deal with numbers where the API wants numbers, and outputs data", async () => {
    const sent = await call("pipedrive.createDeal", { title: "Acme deal", value: "1200.50", currency: "EUR", personId: "42", stageId: "{{ x }}" }, Response.json({ success: true, data: { id: 7, title: "Acme deal" } }));
    expect(sent.asked).toEqual([["apiKey"]]);
    expect([sent.method, sent.url]).toEqual(["POST", "https://api.pipedrive.com/api/v2/deals"]);
    expect(sent.body).toEqual({ title: "Acme deal", value: 1200.5, currency: "EUR", person_id: 42, status: "open" });
    expect(sent.output).toEqual({ id: 7, title: "Acme deal" });
  });

  it("updates a deal, creates a person and searches persons", async () => {
    const updated = await call("pipedrive.updateDeal", { dealId: "7", status: "won" }, Response.json({ success: true, data: { id: 7, status: "won" } }), { baseUrl: "https://acme.pipedrive.com" });
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

describe("GitLab", () => {
  it("opens an issue in a project named by its path, comments, and lists merge requests", async () => {
    const issue = await call("gitlab.createIssue", { project: "acme/shop", title: "Broken checkout", labels: ["bug", "p1"] }, Response.json({ id: 1, iid: 12, web_url: "https://gitlab.com/acme/shop/-/issues/12" }, { status: 201 }));
    expect([issue.method, issue.url, issue.body]).toEqual(["POST", "https://gitlab.com/api/v4/projects/acme%2Fshop/issues", { title: "Broken checkout", labels: "bug,p1", confidential: false }]);
    const note = await call("gitlab.addIssueNote", { project: "42", issueIid: "12", body: "On it" }, Response.json({ id: 5, body: "On it" }, { status: 201 }), { baseUrl: "https://git.example.com/api/v4" });
    expect([note.url, note.body]).toEqual(["https://git.example.com/api/v4/projects/42/issues/12/notes", { body: "On it" }]);
    const mrs = await call("gitlab.listMergeRequests", { project: "42", state: "merged", targetBranch: "main" }, Response.json([{ iid: 3 }]));
    expect([mrs.url, mrs.output]).toEqual(["https://gitlab.com/api/v4/projects/42/merge_requests?state=merged&target_branch=main&per_page=20&page=1", [{ iid: 3 }]]);
  });

  it("reads GitLab's field errors", async () => {
    const failed = await call("gitlab.createIssue", { project: "42", title: "x" }, Response.json({ message: { title: ["is too long (maximum is 255 characters)"] } }, { status: 400 }));
    expect((failed.output as NodeError).message).toContain("answered 400: title is too long (maximum is 255 characters)");
  });
});

describe("Jira", () => {
  const site = "https://acme.atlassian.net";

  it("creates an issue with its description as Atlassian Document Format, comments and moves it", async () => {
    const created = await call("jira.createIssue", { projectKey: "SUP", issueType: "Bug", summary: "Checkout fails", description: "Steps:\nPay with card", fields: { priority: { name: "High" } } }, Response.json({ id: "10001", key: "SUP-12" }, { status: 201 }), { baseUrl: site });
    expect(created.asked).toEqual([["basic"]]);
    expect([created.method, created.url]).toEqual(["POST", `${site}/rest/api/3/issue`]);
    expect(created.body).toEqual({
      fields: {
        priority: { name: "High" },
        project: { key: "SUP" },
        issuetype: { name: "Bug" },
        summary: "Checkout fails",
        description: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "Steps:" }] }, { type: "paragraph", content: [{ type: "text", text: "Pay with card" }] }] },
      },
    });
    const comment = await call("jira.addComment", { issueKey: "SUP-12", comment: "Fixed" }, Response.json({ id: "1" }, { status: 201 }), { baseUrl: site });
    expect([comment.url, comment.body]).toEqual([`${site}/rest/api/3/issue/SUP-12/comment`, { body: { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "Fixed" }] }] } }]);
    const moved = await call("jira.transitionIssue", { issueKey: "SUP-12", transitionId: "31" }, new Response(null, { status: 204 }), { baseUrl: site });
    expect([moved.url, moved.body, moved.output]).toEqual([`${site}/rest/api/3/issue/SUP-12/transitions`, { transition: { id: "31" } }, { moved: true, issueKey: "SUP-12", transitionId: "31" }]);
  });

  it("searches with JQL on the current endpoint and reads Jira's errors", async () => {
    const found = await call("jira.searchIssues", { jql: "project = SUP", maxResults: 10 }, Response.json({ issues: [{ key: "SUP-1" }], isLast: true }), { baseUrl: site });
    expect(found.url).toBe(`${site}/rest/api/3/search/jql?jql=project+%3D+SUP&fields=summary%2Cstatus%2Cassignee%2Ccreated&maxResults=10`);
    const failed = await call("jira.createIssue", { projectKey: "NOPE", summary: "x" }, Response.json({ errorMessages: [], errors: { project: "valid project is required" } }, { status: 400 }), { baseUrl: site });
    expect((failed.output as NodeError).message).toContain("answered 400: project: valid project is required");
  });
});

describe("Zendesk", () => {
  const account = "https://acme.zendesk.com/api/v2";

  it("creates a ticket for a requester, adds an internal note, and searches tickets", async () => {
    const created = await call("zendesk.createTicket", { subject: "Refund", comment: "Please refund order 42", requesterEmail: "ada@example.com", requesterName: "Ada", priority: "high", tags: ["refund"] }, Response.json({ ticket: { id: 35436, status: "new" } }, { status: 201 }), { baseUrl: account });
    expect([created.method, created.url, created.output]).toEqual(["POST", `${account}/tickets.json`, { id: 35436, status: "new" }]);
    expect(created.body).toEqual({ ticket: { subject: "Refund", comment: { body: "Please refund order 42" }, requester: { email: "ada@example.com", name: "Ada" }, priority: "high", tags: ["refund"] } });
    const updated = await call("zendesk.updateTicket", { ticketId: "35436", status: "pending", comment: "Checked with billing", public: false }, Response.json({ ticket: { id: 35436, status: "pending" } }), { baseUrl: account });
    expect([updated.method, updated.url, updated.body]).toEqual(["PUT", `${account}/tickets/35436.json`, { ticket: { status: "pending", comment: { body: "Checked with billing", public: false } } }]);
    const found = await call("zendesk.searchTickets", { query: "status:open requester:ada@example.com" }, Response.json({ results: [], count: 0 }), { baseUrl: account });
    expect(found.url).toBe(`${account}/search.json?query=type%3Aticket+status%3Aopen+requester%3Aada%40example.com&sort_order=desc`);
  });

  it("reads Zendesk's error with its description", async () => {
    const failed = await call("zendesk.updateTicket", { ticketId: "1", status: "solved" }, Response.json({ error: "RecordInvalid", description: "Record validation errors" }, { status: 422 }), { baseUrl: account });
    expect((failed.output as NodeError).message).toContain("answered 422: RecordInvalid: Record validation errors");
  });
});

describe("Google Sheets", () => {
  it("appends a row after the table and updates a range", async () => {
    const appended = await call("google-sheets.appendRow", { spreadsheetId: "sheet1", sheet: "Leads", values: ["Ada", "ada@example.com", 3] }, Response.json({ spreadsheetId: "sheet1", updates: { updatedRange: "Leads!A7:C7", updatedRows: 1 } }));
    expect(appended.asked).toEqual([["bearer", "oauth2Code"]]);
    expect([appended.method, appended.url]).toEqual(["POST", "https://sheets.googleapis.com/v4/spreadsheets/sheet1/values/Leads:append?valueInputOption=USER_ENTERED&insertDataOption=INSERT_ROWS"]);
    expect([appended.body, appended.output]).toEqual([{ majorDimension: "ROWS", values: [["Ada", "ada@example.com", 3]] }, { updatedRange: "Leads!A7:C7", updatedRows: 1 }]);
    const updated = await call("google-sheets.updateRow", { spreadsheetId: "sheet1", range: "Leads!A7:C7", values: ["Ada L."], valueInputOption: "RAW" }, Response.json({ updatedCells: 1 }));
    expect([updated.method, updated.url, updated.body]).toEqual(["PUT", "https://sheets.googleapis.com/v4/spreadsheets/sheet1/values/Leads!A7%3AC7?valueInputOption=RAW", { range: "Leads!A7:C7", majorDimension: "ROWS", values: [["Ada L."]] }]);
  });

  it("looks up rows by a column named in the header row, with their row numbers", async () => {
    const found = await call(
      "google-sheets.lookupRows",
      { spreadsheetId: "sheet1", sheet: "Leads", column: "Email", value: "ada@example.com" },
      Response.json({ range: "Leads!A1:Z1000", majorDimension: "ROWS", values: [["Name", "Email", "Score"], ["Bob", "bob@example.com", "1"], ["Ada", "ada@example.com"]] }),
    );
    expect(found.url).toBe("https://sheets.googleapis.com/v4/spreadsheets/sheet1/values/Leads?majorDimension=ROWS&valueRenderOption=FORMATTED_VALUE");
    expect(found.output).toEqual({ rows: [{ rowNumber: 3, Name: "Ada", Email: "ada@example.com", Score: "" }], columnFound: true });
    const failed = await call("google-sheets.lookupRows", { spreadsheetId: "nope", column: "Email", value: "x" }, Response.json({ error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" } }, { status: 404 }));
    expect((failed.output as NodeError).message).toContain("answered 404: NOT_FOUND: Requested entity was not found.");
  });
});
