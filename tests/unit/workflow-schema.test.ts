import { describe, expect, it } from "vitest";
import { workflowDocumentSchema, formatIssues, type WorkflowDocument } from "@/lib/document/schema";

function doc(overrides: Partial<WorkflowDocument> = {}): WorkflowDocument {
  return {
    version: 1,
    name: "Orders",
    nodes: [
      { id: "start", type: "trigger.webhook", position: { x: 0, y: 0 }, config: {} },
      { id: "shape", type: "transform.map", position: { x: 200, y: 0 }, config: { expression: "{ 'id': trigger.body.id }" } },
      { id: "check", type: "flow.if", position: { x: 400, y: 0 }, config: { condition: "input.id > 0" } },
      { id: "send", type: "action.http", position: { x: 600, y: 0 }, config: { method: "POST", url: "https://api.example.com/orders/{{ steps.shape.id }}", body: { id: "{{ steps.shape.id }}" } }, settings: { retry: { maxAttempts: 5 } } },
      { id: "wait", type: "flow.delay", position: { x: 600, y: 200 }, config: { duration: "5m" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "shape" },
      { id: "e2", source: "shape", target: "check" },
      { id: "e3", source: "check", target: "send", sourceHandle: "true" },
      { id: "e4", source: "check", target: "wait", sourceHandle: "false" },
    ],
    ...overrides,
  };
}

function issuesOf(input: unknown) {
  const result = workflowDocumentSchema.safeParse(input);
  return result.success ? [] : formatIssues(result.error.issues);
}

describe("workflow document schema", () => {
  it("accepts a valid document and applies config-independent defaults", () => {
    expect(issuesOf(doc())).toEqual([]);
    expect(issuesOf({ version: 1, name: "Empty draft", nodes: [], edges: [] })).toEqual([]);
  });

  it("rejects a wrong format version and a missing name", () => {
    expect(issuesOf({ ...doc(), version: 2 }).map((i) => i.path)).toContain("version");
    expect(issuesOf({ ...doc(), name: " " })).toEqual([{ path: "name", message: "Give the workflow a name" }]);
  });

  it("rejects node ids that cannot be used in expressions, and duplicates", () => {
    const bad = doc();
    bad.nodes[1] = { ...bad.nodes[1], id: "my-node" };
    expect(issuesOf(bad).map((i) => i.path)).toContain("nodes.1.id");
    const dup = doc();
    dup.nodes[2] = { ...dup.nodes[2], id: "shape" };
    expect(issuesOf(dup)).toContainEqual({ path: "nodes.2.id", message: 'Node id "shape" is used twice' });
  });

  it("rejects unknown node types", () => {
    const bad = doc();
    bad.nodes[1] = { ...bad.nodes[1], type: "action.teleport" };
    expect(issuesOf(bad)).toContainEqual({ path: "nodes.1.type", message: 'Unknown node type "action.teleport"' });
  });

  it("rejects a second trigger", () => {
    const bad = doc();
    bad.nodes.push({ id: "again", type: "trigger.manual", position: { x: 0, y: 300 }, config: {} });
    expect(issuesOf(bad)).toContainEqual({ path: "nodes.5.type", message: "A workflow has exactly one trigger; remove this one" });
  });

  it("rejects dangling edges, bad handles, edges into the trigger and duplicates", () => {
    const bad = doc({
      edges: [
        ...doc().edges,
        { id: "e5", source: "ghost", target: "send" },
        { id: "e6", source: "send", target: "nowhere" },
        { id: "e7", source: "check", target: "send", sourceHandle: "maybe" },
        { id: "e8", source: "send", target: "start" },
        { id: "e9", source: "start", target: "shape" },
      ],
    });
    const paths = issuesOf(bad).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["edges.4.source", "edges.5.target", "edges.6.sourceHandle", "edges.7.target", "edges.8"]));
  });

  it("rejects cycles and names the loop", () => {
    const bad = doc({ edges: [...doc().edges, { id: "back", source: "send", target: "shape" }] });
    const issue = issuesOf(bad).find((i) => i.message.startsWith("Connections form a loop"));
    expect(issue?.message).toContain("shape → check → send → shape");
  });

  it("validates each node's config against its type, with the field's path", () => {
    const bad = doc();
    bad.nodes[3] = { ...bad.nodes[3], config: { method: "FETCH", url: "ftp://x" } };
    bad.nodes[4] = { ...bad.nodes[4], config: { duration: "soon" } };
    const paths = issuesOf(bad);
    expect(paths.map((i) => i.path)).toEqual(expect.arrayContaining(["nodes.3.config.method", "nodes.3.config.url", "nodes.4.config.duration"]));
  });

  it("rejects expressions that do not parse", () => {
    const bad = doc();
    bad.nodes[1] = { ...bad.nodes[1], config: { expression: "{ 'id': " } };
    bad.nodes[3] = { ...bad.nodes[3], config: { method: "GET", url: "https://x.test/{{ steps.( }}" } };
    const paths = issuesOf(bad).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["nodes.1.config.expression", "nodes.3.config.url"]));
  });

  it("rejects a retry policy out of range", () => {
    const bad = doc();
    bad.nodes[3] = { ...bad.nodes[3], settings: { retry: { maxAttempts: 0 } } };
    expect(issuesOf(bad).map((i) => i.path)).toContain("nodes.3.settings.retry.maxAttempts");
  });

  it("takes failure alerts by webhook, by e-mail or both, and names the field without a channel or with a bad address", () => {
    expect(issuesOf(doc({ settings: { alerts: { webhookUrl: "https://hooks.example.com/x", email: { connectionId: "conn_1", to: "a@example.com, b@example.com" } } } }))).toEqual([]);
    expect(issuesOf(doc({ settings: { alerts: { email: { connectionId: "conn_1", to: "ops@example.com" }, everyMinutes: 5 } } }))).toEqual([]);
    expect(issuesOf(doc({ settings: { alerts: { everyMinutes: 5 } } })).map((i) => i.path)).toContain("settings.alerts.webhookUrl");
    expect(issuesOf(doc({ settings: { alerts: { email: { connectionId: "conn_1", to: "ops at example" } } } })).map((i) => i.path)).toContain("settings.alerts.email.to");
  });
});
