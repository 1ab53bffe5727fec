import { describe, expect, it } from "vitest";
import { callConnector as call } from "../support/connector-call";

/**
 * "All pages" on list actions: the node follows each API's own way of paging (Stripe's
 * starting_after, Airtable's offset, GitHub's Link header, Notion's and HubSpot's cursors,
 * Salesforce's nextRecordsUrl, Twilio's next_page_uri) and outputs one list, cut at "At most".
 */
describe("list actions follow the API's pages", () => {
  it("Stripe: starting_after the last charge while has_more", async () => {
    const sent = await call("stripe.listCharges", { customer: "cus_1", limit: 2, allPages: true }, [
      Response.json({ data: [{ id: "ch_1" }, { id: "ch_2" }], has_more: true }),
      Response.json({ data: [{ id: "ch_3" }], has_more: false }),
    ]);
    expect(sent.urls).toEqual(["https://api.stripe.com/v1/charges?customer=cus_1&limit=2", "https://api.stripe.com/v1/charges?customer=cus_1&limit=2&starting_after=ch_2"]);
    expect(sent.output).toEqual([{ id: "ch_1" }, { id: "ch_2" }, { id: "ch_3" }]);
  });

  it("without All pages, one page and its paging details, as before", async () => {
    const sent = await call("stripe.listCharges", { limit: 2 }, Response.json({ data: [{ id: "ch_1" }, { id: "ch_2" }], has_more: true }));
    expect(sent.urls).toHaveLength(1);
    expect(sent.output).toEqual({ charges: [{ id: "ch_1" }, { id: "ch_2" }], hasMore: true, nextStartingAfter: "ch_2" });
  });

  it("stops at At most, even when the API has more", async () => {
    const sent = await call("airtable.listRecords", { baseId: "appX", table: "Leads", allPages: true, maxItems: 3 }, [
      Response.json({ records: [{ id: "rec1" }, { id: "rec2" }], offset: "itr1/rec2" }),
      Response.json({ records: [{ id: "rec3" }, { id: "rec4" }], offset: "itr1/rec4" }),
    ]);
    expect(sent.urls[1]).toBe("https://api.airtable.com/v0/appX/Leads?maxRecords=100&offset=itr1%2Frec2");
    expect(sent.output).toEqual([{ id: "rec1" }, { id: "rec2" }, { id: "rec3" }]);
  });

  it("GitHub: the next page number while the Link header has rel=next", async () => {
    const sent = await call("github.listPullRequests", { owner: "o", repo: "r", perPage: 1, allPages: true }, [
      Response.json([{ number: 1 }], { headers: { link: '<https://api.github.com/repositories/1/pulls?page=2>; rel="next", <https://api.github.com/repositories/1/pulls?page=2>; rel="last"' } }),
      Response.json([{ number: 2 }], { headers: { link: '<https://api.github.com/repositories/1/pulls?page=1>; rel="prev"' } }),
    ]);
    expect(sent.urls.map((u) => new URL(u).searchParams.get("page"))).toEqual(["1", "2"]);
    expect(sent.output).toEqual([{ number: 1 }, { number: 2 }]);
  });

  it("Notion and HubSpot: the cursor goes into the next request's JSON body", async () => {
    const notion = await call("notion.queryDatabase", { databaseId: "db1", allPages: true }, [Response.json({ results: [{ id: "p1" }], has_more: true, next_cursor: "c2" }), Response.json({ results: [{ id: "p2" }], has_more: false, next_cursor: null })]);
    expect(notion.bodies).toEqual([{ page_size: 100 }, { page_size: 100, start_cursor: "c2" }]);
    expect(notion.output).toEqual([{ id: "p1" }, { id: "p2" }]);
    const hubspot = await call("hubspot.searchContacts", { propertyName: "email", operator: "EQ", value: "a@example.com", allPages: true }, [
      Response.json({ total: 2, results: [{ id: "1" }], paging: { next: { after: "1" } } }),
      Response.json({ total: 2, results: [{ id: "2" }] }),
    ]);
    expect((hubspot.bodies[1] as { after: string }).after).toBe("1");
    expect(hubspot.output).toEqual([{ id: "1" }, { id: "2" }]);
  });

  it("Salesforce and Twilio: the next page's address the answer gives, under the base URL", async () => {
    const sf = await call("salesforce.query", { soql: "SELECT Id FROM Contact", allPages: true }, [
      Response.json({ totalSize: 3, done: false, nextRecordsUrl: "/services/data/v62.0/query/01gD0000002HU6KIAW-2000", records: [{ Id: "1" }, { Id: "2" }] }),
      Response.json({ totalSize: 3, done: true, records: [{ Id: "3" }] }),
    ], { baseUrl: "https://acme.my.salesforce.com/services/data/v62.0" });
    expect(sf.urls[1]).toBe("https://acme.my.salesforce.com/services/data/v62.0/query/01gD0000002HU6KIAW-2000");
    expect(sf.output).toEqual([{ Id: "1" }, { Id: "2" }, { Id: "3" }]);
    const sid = "AC0123456789abcdef0123456789abcdef";
    const twilio = await call("twilio.listMessages", { pageSize: 1, allPages: true }, [
      Response.json({ messages: [{ sid: "SM1" }], next_page_uri: `/2010-04-01/Accounts/${sid}/Messages.json?PageSize=1&Page=1&PageToken=PASM1` }),
      Response.json({ messages: [{ sid: "SM2" }], next_page_uri: null }),
    ], { username: sid });
    expect(twilio.urls[1]).toBe(`https://api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json?PageSize=1&Page=1&PageToken=PASM1`);
    expect(twilio.output).toEqual([{ sid: "SM1" }, { sid: "SM2" }]);
  });
});
