import { describe, expect, it } from "vitest";
import { documentFingerprint, documentToFlow, flowToDocument, notesToFlow, structureFingerprint } from "@/lib/editor/convert";
import type { WorkflowDocument } from "@/lib/document/schema";

const document: WorkflowDocument = {
  version: 1,
  name: "Orders",
  nodes: [
    { id: "webhook", type: "trigger.webhook", position: { x: 0, y: 0 }, config: {} },
    { id: "if_1", type: "flow.if", name: "Big order?", position: { x: 300, y: 0 }, config: { condition: "trigger.body.total > 100" } },
    { id: "http_1", type: "action.http", position: { x: 600, y: -80 }, config: { url: "https://example.com" }, settings: { retry: { maxAttempts: 5 } } },
  ],
  edges: [
    { id: "e1", source: "webhook", target: "if_1" },
    { id: "e2", source: "if_1", target: "http_1", sourceHandle: "true" },
  ],
};

describe("document ⇄ React Flow", () => {
  it("round-trips a document unchanged", () => {
    const { nodes, edges } = documentToFlow(document);
    expect(flowToDocument({ name: document.name }, nodes, edges)).toEqual(document);
  });

  it("puts type, config, settings and name into node data", () => {
    const { nodes } = documentToFlow(document);
    expect(nodes[1]).toMatchObject({ id: "if_1", type: "workflow", position: { x: 300, y: 0 }, data: { type: "flow.if", name: "Big order?", config: { condition: "trigger.body.total > 100" } } });
    expect(nodes[2].data.settings).toEqual({ retry: { maxAttempts: 5 } });
  });

  it("writes a source handle only for nodes with several outputs", () => {
    const { nodes, edges } = documentToFlow(document);
    const connected = [...edges, { id: "e3", source: "http_1", target: "if_1", sourceHandle: "main", type: "workflow" as const }];
    const saved = flowToDocument({ name: "x" }, nodes, connected);
    expect(saved.edges[2]).toEqual({ id: "e3", source: "http_1", target: "if_1" });
    expect(saved.edges[1].sourceHandle).toBe("true");
  });

  it("rounds dragged positions and drops empty names and retry settings", () => {
    const { nodes, edges } = documentToFlow(document);
    nodes[0] = { ...nodes[0], position: { x: 10.4, y: 19.6 }, data: { ...nodes[0].data, name: "", settings: { retry: {} } } };
    const saved = flowToDocument({ name: "x" }, nodes, edges);
    expect(saved.nodes[0]).toEqual({ id: "webhook", type: "trigger.webhook", position: { x: 10, y: 20 }, config: {} });
  });

  it("keeps every node setting and writes handles for nodes with an error output", () => {
    const { nodes, edges } = documentToFlow(document);
    nodes[2] = { ...nodes[2], data: { ...nodes[2].data, settings: { retry: {}, timeoutMs: 2000, onError: "branch" } } };
    const connected = [...edges, { id: "e3", source: "http_1", target: "if_1", sourceHandle: "main", type: "workflow" as const }];
    const saved = flowToDocument({ name: "x" }, nodes, connected);
    expect(saved.nodes[2].settings).toEqual({ timeoutMs: 2000, onError: "branch" });
    expect(saved.edges[2].sourceHandle).toBe("main");
  });

  it("keeps a handle the source no longer has, so the connection is refused rather than moved", () => {
    const { nodes, edges } = documentToFlow(document);
    const fromError = [...edges, { id: "e3", source: "http_1", target: "if_1", sourceHandle: "error", type: "workflow" as const }];
    expect(flowToDocument({ name: "x" }, nodes, fromError).edges[2].sourceHandle).toBe("error");
  });

  it("saves workflow settings without unset keys, and none when empty", () => {
    const { nodes, edges } = documentToFlow(document);
    expect(flowToDocument({ name: "x", settings: { concurrency: 2, failureWorkflowId: undefined } }, nodes, edges).settings).toEqual({ concurrency: 2 });
    expect(flowToDocument({ name: "x", settings: { timeoutMs: undefined } }, nodes, edges)).not.toHaveProperty("settings");
  });

  it("fingerprints documents independently of key order", () => {
    const reordered = { ...document, nodes: document.nodes.map((n) => Object.fromEntries(Object.entries(n).reverse()) as typeof n) };
    expect(documentFingerprint(reordered)).toBe(documentFingerprint(document));
    expect(documentFingerprint({ ...document, name: "Other" })).not.toBe(documentFingerprint(document));
  });

  it("has a structure fingerprint that ignores positions only", () => {
    const moved = { ...document, nodes: document.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 7 } })) };
    expect(structureFingerprint(moved)).toBe(structureFingerprint(document));
    expect(documentFingerprint(moved)).not.toBe(documentFingerprint(document));
    expect(structureFingerprint({ ...document, name: "Renamed" })).not.toBe(structureFingerprint(document));
  });
});

describe("sticky notes in the editor", () => {
  it("round-trip through the canvas unchanged, and do not change what validation sees", () => {
    const notes = [{ id: "note_1", position: { x: 16, y: -32 }, width: 300, height: 120, text: "**Why** this flow exists", color: "pink" as const }];
    const document: WorkflowDocument = { version: 1, name: "Noted", nodes: [], edges: [], notes };
    const flow = documentToFlow(document);
    expect(flowToDocument({ name: "Noted" }, flow.nodes, flow.edges, notesToFlow(document.notes))).toEqual(document);
    expect(structureFingerprint(document)).toBe(structureFingerprint({ ...document, notes: [] }));
    expect(documentFingerprint(document)).not.toBe(documentFingerprint({ ...document, notes: [] }));
  });
});
