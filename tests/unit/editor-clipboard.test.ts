import { describe, expect, it } from "vitest";
import { copyText, parseClip, prepareClip } from "@/lib/editor/clipboard";
import type { WorkflowDocument } from "@/lib/document/schema";

const document: WorkflowDocument = {
  version: 1,
  name: "Orders",
  nodes: [
    { id: "manual_trigger", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
    { id: "http_1", type: "action.http", position: { x: 300, y: 100 }, config: { url: "https://a" } },
    { id: "map_1", type: "transform.map", position: { x: 600, y: 100 }, config: { expression: "{{ steps.http_1.body }}", other: ["{{ steps.manual_trigger }}"] } },
  ],
  edges: [
    { id: "manual_trigger->http_1", source: "manual_trigger", target: "http_1" },
    { id: "http_1->map_1", source: "http_1", target: "map_1" },
  ],
};

describe("copyText", () => {
  it("copies the selected nodes and only the edges between them, as a workflow document", () => {
    const copied = JSON.parse(copyText(document, new Set(["http_1", "map_1"])));
    expect(copied.version).toBe(1);
    expect(copied.nodes.map((n: { id: string }) => n.id)).toEqual(["http_1", "map_1"]);
    expect(copied.edges).toEqual([{ id: "http_1->map_1", source: "http_1", target: "map_1" }]);
  });
});

describe("parseClip", () => {
  it("reads a document, a node array or a single node, and ignores other text", () => {
    expect(parseClip(copyText(document, new Set(["http_1", "map_1"])))?.edges).toHaveLength(1);
    expect(parseClip(JSON.stringify(document.nodes))?.nodes).toHaveLength(3);
    expect(parseClip(JSON.stringify(document.nodes[1]))?.nodes[0].id).toBe("http_1");
    expect(parseClip("hello")).toBeNull();
    expect(parseClip('{"a": 1}')).toBeNull();
  });

  it("drops invalid nodes and edges whose ends were not pasted", () => {
    const text = JSON.stringify({ nodes: [document.nodes[1], { id: "9bad", type: "x", position: { x: 0, y: 0 } }], edges: document.edges });
    const clip = parseClip(text);
    expect(clip?.nodes.map((n) => n.id)).toEqual(["http_1"]);
    expect(clip?.edges).toEqual([]);
  });
});

describe("prepareClip", () => {
  const clip = parseClip(copyText(document, new Set(["http_1", "map_1"])))!;

  it("keeps ids that are free and moves the nodes to the paste point", () => {
    const prepared = prepareClip(clip, { nodeIds: ["manual_trigger"], edgeIds: [] }, { x: 1000, y: 500 });
    expect(prepared.nodes.map((n) => [n.id, n.position])).toEqual([
      ["http_1", { x: 1000, y: 500 }],
      ["map_1", { x: 1300, y: 500 }],
    ]);
    expect(prepared.edges).toEqual([{ id: "http_1->map_1", source: "http_1", target: "map_1" }]);
  });

  it("renames clashing ids, rewires the edges and rewrites expressions naming them", () => {
    const prepared = prepareClip(clip, { nodeIds: document.nodes.map((n) => n.id).concat("http_2"), edgeIds: document.edges.map((e) => e.id) }, { x: 0, y: 0 });
    expect(prepared.nodes.map((n) => n.id)).toEqual(["http_3", "map_2"]);
    expect(prepared.edges).toEqual([{ id: "http_3->map_2", source: "http_3", target: "map_2" }]);
    // The pasted map reads the pasted http node; a reference to a node not pasted is left alone.
    expect(prepared.nodes[1].config).toEqual({ expression: "{{ steps.http_3.body }}", other: ["{{ steps.manual_trigger }}"] });
  });

  it("gives unsuffixed ids a counter and keeps edge ids unique", () => {
    const single = parseClip(JSON.stringify({ nodes: [{ ...document.nodes[1], id: "fetch" }, { ...document.nodes[2], id: "fetch_x" }], edges: [{ id: "x", source: "fetch", target: "fetch_x", sourceHandle: "error" }] }))!;
    const prepared = prepareClip(single, { nodeIds: ["fetch"], edgeIds: ["fetch_2.error->fetch_x"] }, { x: 0, y: 0 });
    expect(prepared.nodes.map((n) => n.id)).toEqual(["fetch_2", "fetch_x"]);
    expect(prepared.edges[0]).toEqual({ id: "fetch_2.error->fetch_x#2", source: "fetch_2", target: "fetch_x", sourceHandle: "error" });
  });
});
