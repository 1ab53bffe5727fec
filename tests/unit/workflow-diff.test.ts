import { describe, expect, it } from "vitest";
import type { WorkflowDocument, WorkflowNode } from "@/lib/document/schema";
import { diffWorkflows } from "@/lib/workflow-store/diff";

const base: WorkflowDocument = {
  version: 1,
  name: "Orders",
  nodes: [
    { id: "hook", type: "trigger.webhook", position: { x: 0, y: 0 }, config: {} },
    { id: "http_1", type: "action.http", name: "Tell the CRM", position: { x: 300, y: 0 }, config: { method: "POST", url: "https://a.example", headers: [{ key: "x-a", value: "1" }] } },
    { id: "map_1", type: "transform.map", position: { x: 600, y: 0 }, config: { expression: "1" }, settings: { retry: { maxAttempts: 3 } } },
  ],
  edges: [
    { id: "e1", source: "hook", target: "http_1" },
    { id: "e2", source: "http_1", target: "map_1" },
  ],
};

function edit(change: (doc: WorkflowDocument) => WorkflowDocument): WorkflowDocument {
  return change(structuredClone(base));
}

function node(doc: WorkflowDocument, id: string): WorkflowNode {
  return doc.nodes.find((n) => n.id === id)!;
}

describe("diffWorkflows", () => {
  it("finds nothing between equal documents, whatever the order of keys", () => {
    const reordered = edit((doc) => ({ ...doc, nodes: doc.nodes.map((n) => ({ config: Object.fromEntries(Object.entries(n.config).reverse()), position: n.position, type: n.type, id: n.id, ...(n.name ? { name: n.name } : {}), ...(n.settings ? { settings: n.settings } : {}) })) }));
    const diff = diffWorkflows(base, reordered);
    expect(diff).toMatchObject({ added: [], removed: [], changed: [], moved: [], edges: { added: [], removed: [] }, workflow: [], same: true });
  });

  it("lists added and removed nodes by id, and the edges that came and went with them", () => {
    const after = edit((doc) => ({
      ...doc,
      nodes: [...doc.nodes.filter((n) => n.id !== "map_1"), { id: "slack_1", type: "action.slack", position: { x: 600, y: 0 }, config: { text: "hi" } }],
      edges: [doc.edges[0], { id: "e3", source: "http_1", target: "slack_1" }],
    }));
    const diff = diffWorkflows(base, after);
    expect(diff.added.map((n) => n.id)).toEqual(["slack_1"]);
    expect(diff.removed.map((n) => n.id)).toEqual(["map_1"]);
    expect(diff.edges.added).toEqual([{ id: "e3", source: "http_1", target: "slack_1" }]);
    expect(diff.edges.removed).toEqual([{ id: "e2", source: "http_1", target: "map_1" }]);
    expect(diff.changed).toEqual([]);
    expect(diff.same).toBe(false);
  });

  it("reports a changed node field by field, nested config and settings by their paths", () => {
    const after = edit((doc) => {
      const http = node(doc, "http_1");
      http.config.url = "https://b.example";
      (http.config.headers as { key: string; value: string }[])[0].value = "2";
      delete http.config.method;
      http.config.timeoutMs = 5000;
      http.name = "Tell the new CRM";
      http.disabled = true;
      const map = node(doc, "map_1");
      map.settings = { retry: { maxAttempts: 5 }, onError: "continue" };
      return doc;
    });
    const diff = diffWorkflows(base, after);
    expect(diff.changed.map((c) => c.id)).toEqual(["http_1", "map_1"]);
    expect(diff.changed[0].changes).toEqual([
      { path: "name", before: "Tell the CRM", after: "Tell the new CRM" },
      { path: "disabled", before: undefined, after: true },
      { path: "config.method", before: "POST", after: undefined },
      { path: "config.url", before: "https://a.example", after: "https://b.example" },
      { path: "config.headers.0.value", before: "1", after: "2" },
      { path: "config.timeoutMs", before: undefined, after: 5000 },
    ]);
    expect(diff.changed[1].changes).toEqual([
      { path: "settings.retry.maxAttempts", before: 3, after: 5 },
      { path: "settings.onError", before: undefined, after: "continue" },
    ]);
    expect(diff.changed[0]).toMatchObject({ moved: false, before: { name: "Tell the CRM" }, after: { name: "Tell the new CRM" } });
  });

  it("reports a change of type, a list of another length whole, and settings that appear from none", () => {
    const after = edit((doc) => {
      const http = node(doc, "http_1");
      http.type = "action.graphql";
      http.config.headers = [...(http.config.headers as object[]), { key: "x-b", value: "2" }];
      node(doc, "hook").settings = { timeoutMs: 1000 };
      return doc;
    });
    const diff = diffWorkflows(base, after);
    expect(diff.changed.map((c) => [c.id, c.changes.map((f) => f.path)])).toEqual([
      ["hook", ["settings.timeoutMs"]],
      ["http_1", ["type", "config.headers"]],
    ]);
    expect(diff.changed[1].changes[1]).toEqual({ path: "config.headers", before: [{ key: "x-a", value: "1" }], after: [{ key: "x-a", value: "1" }, { key: "x-b", value: "2" }] });
  });

  it("keeps nodes that only moved apart from changed ones, and marks a changed node that also moved", () => {
    const after = edit((doc) => {
      node(doc, "hook").position = { x: -100, y: 40 };
      const map = node(doc, "map_1");
      map.position = { x: 700, y: 0 };
      map.config.expression = "2";
      return doc;
    });
    const diff = diffWorkflows(base, after);
    expect(diff.moved.map((n) => n.id)).toEqual(["hook"]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]).toMatchObject({ id: "map_1", moved: true, changes: [{ path: "config.expression", before: "1", after: "2" }] });
  });

  it("treats no name, an empty name, no disabled flag and disabled: false, and absent settings as the same", () => {
    const after = edit((doc) => {
      node(doc, "hook").name = "";
      node(doc, "hook").disabled = false;
      node(doc, "hook").settings = {};
      return { ...doc, settings: {} };
    });
    expect(diffWorkflows(base, after).same).toBe(true);
  });

  it("matches edges by what they connect, not by id, and tells edges from different outputs apart", () => {
    const renamed = edit((doc) => ({ ...doc, edges: doc.edges.map((e) => ({ ...e, id: `${e.id}_new` })) }));
    expect(diffWorkflows(base, renamed).edges).toEqual({ added: [], removed: [] });
    const handle = edit((doc) => ({ ...doc, edges: [doc.edges[0], { ...doc.edges[1], sourceHandle: "error" }] }));
    expect(diffWorkflows(base, handle).edges).toEqual({ added: [{ id: "e2", source: "http_1", target: "map_1", sourceHandle: "error" }], removed: [{ id: "e2", source: "http_1", target: "map_1" }] });
    // null and absent are both the main output
    const nullHandle = edit((doc) => ({ ...doc, edges: doc.edges.map((e) => ({ ...e, sourceHandle: null })) }));
    expect(diffWorkflows(base, nullHandle).same).toBe(true);
  });

  it("reports the workflow's name and settings, and ignores pinned test data", () => {
    const after = edit((doc) => ({ ...doc, name: "Orders v2", settings: { concurrency: 4, alerts: { webhookUrl: "https://alerts.example.com" } }, pinData: { http_1: { status: 200 } } }));
    const diff = diffWorkflows(base, after);
    expect(diff.workflow).toEqual([
      { path: "name", before: "Orders", after: "Orders v2" },
      { path: "settings.concurrency", before: undefined, after: 4 },
      { path: "settings.alerts.webhookUrl", before: undefined, after: "https://alerts.example.com" },
    ]);
    expect(diffWorkflows({ ...base, pinData: { a: 1 } }, base).same).toBe(true);
  });
});
