import { describe, expect, it } from "vitest";
import { nextNodeId, nodeIdError, renameNode } from "@/lib/editor/node-id";
import type { EditorEdge, EditorNode } from "@/lib/editor/types";
import { NODE_ID_PATTERN } from "@/lib/document/schema";

describe("nextNodeId", () => {
  it("names triggers after their label", () => {
    expect(nextNodeId("trigger.manual", [])).toBe("manual_trigger");
    expect(nextNodeId("trigger.webhook", [])).toBe("webhook");
    expect(nextNodeId("trigger.webhook", ["webhook"])).toBe("webhook_2");
  });

  it("numbers other nodes per type, skipping used ids", () => {
    expect(nextNodeId("action.http", [])).toBe("http_1");
    expect(nextNodeId("transform.map", ["map_1"])).toBe("map_2");
    expect(nextNodeId("flow.if", ["if_2"])).toBe("if_1");
    expect(nextNodeId("flow.delay", ["delay_1", "delay_2"])).toBe("delay_3");
  });

  it("splits app actions' camelCase names into words", () => {
    expect(nextNodeId("stripe.createPaymentIntent", [])).toBe("create_payment_intent_1");
    expect(nextNodeId("slack.postMessage", ["post_message_1"])).toBe("post_message_2");
  });

  it("always produces valid ids, even for unknown types", () => {
    for (const type of ["trigger.manual", "action.http", "x.9lives", "weird type!"]) expect(nextNodeId(type, [])).toMatch(NODE_ID_PATTERN);
  });
});

describe("nodeIdError", () => {
  it("accepts the current id and new unique valid ids", () => {
    expect(nodeIdError("http_1", "http_1", ["http_1", "map_1"])).toBeNull();
    expect(nodeIdError("fetch_orders", "http_1", ["http_1", "map_1"])).toBeNull();
  });

  it("explains invalid and duplicate ids", () => {
    expect(nodeIdError("", "a", [])).toBe("Enter an id");
    expect(nodeIdError("1st", "a", [])).toBe("Start with a letter or _");
    expect(nodeIdError("has space", "a", [])).toMatch(/letters, digits and _/);
    expect(nodeIdError("map_1", "http_1", ["http_1", "map_1"])).toMatch(/already used/);
  });
});

describe("renameNode", () => {
  it("renames the node and re-points its edges", () => {
    const nodes = [
      { id: "a", type: "workflow", position: { x: 0, y: 0 }, data: { type: "trigger.manual", config: {} }, selected: true },
      { id: "b", type: "workflow", position: { x: 0, y: 0 }, data: { type: "action.http", config: {} } },
    ] satisfies EditorNode[];
    const edges: EditorEdge[] = [
      { id: "e1", source: "a", target: "b" },
      { id: "e2", source: "b", target: "c" },
    ];
    const renamed = renameNode(nodes, edges, "b", "fetch");
    expect(renamed.nodes.map((n) => n.id)).toEqual(["a", "fetch"]);
    expect(renamed.nodes[0]).toBe(nodes[0]);
    expect(renamed.edges).toEqual([
      { id: "e1", source: "a", target: "fetch" },
      { id: "e2", source: "fetch", target: "c" },
    ]);
  });

  it("updates steps.<id> references in configs, and nothing that only looks alike", () => {
    const nodes = [
      { id: "http_1", type: "workflow", position: { x: 0, y: 0 }, data: { type: "action.http", config: { url: "https://x" } } },
      {
        id: "map_1",
        type: "workflow",
        position: { x: 0, y: 0 },
        data: { type: "transform.map", config: { expression: "steps.http_1.body & steps.http_10 & xsteps.http_1", list: ["{{ steps.http_1 }}"] } },
      },
    ] satisfies EditorNode[];
    const renamed = renameNode(nodes, [], "http_1", "fetch");
    expect(renamed.nodes[1].data.config).toEqual({ expression: "steps.fetch.body & steps.http_10 & xsteps.http_1", list: ["{{ steps.fetch }}"] });
    expect(renamed.nodes[0].data).toBe(nodes[0].data);
  });
});
