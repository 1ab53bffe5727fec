import { describe, expect, it } from "vitest";
import { searchNodes } from "@/lib/editor/search";

const nodes = [
  { id: "start", type: "trigger.webhook" },
  { id: "http_1", type: "action.http", name: "Create the HubSpot deal" },
  { id: "http_2", type: "action.http" },
  { id: "notify", type: "action.chat-message", name: "Tell #sales" },
];

describe("canvas search", () => {
  it("finds nodes by name, id, type id and type label, every word anywhere", () => {
    expect(searchNodes(nodes, "hubspot").map((m) => m.id)).toEqual(["http_1"]);
    expect(searchNodes(nodes, "HTTP").map((m) => m.id)).toEqual(["http_1", "http_2"]);
    expect(searchNodes(nodes, "request").map((m) => m.id)).toEqual(["http_1", "http_2"]);
    expect(searchNodes(nodes, "webhook").map((m) => m.id)).toEqual(["start"]);
    expect(searchNodes(nodes, "deal create").map((m) => m.id)).toEqual(["http_1"]);
    expect(searchNodes(nodes, "sales")).toEqual([{ id: "notify", label: "Tell #sales", typeLabel: expect.any(String) }]);
  });

  it("puts names and ids that start with the query first, and finds nothing for an empty query", () => {
    expect(searchNodes(nodes, "http_2").map((m) => m.id)).toEqual(["http_2"]);
    expect(searchNodes(nodes, "   ")).toEqual([]);
    expect(searchNodes(nodes, "nothing like it")).toEqual([]);
  });
});
