import { describe, expect, it } from "vitest";
import { describeNodeIssue } from "@/lib/editor/describe-issue";
import { issuesByField, mapIssues, mergeIssues, NO_ISSUES, toIssuePath, validateDocument } from "@/lib/editor/issues";
import type { WorkflowDocument } from "@/lib/document/schema";

const valid: WorkflowDocument = {
  version: 1,
  name: "Valid",
  nodes: [
    { id: "manual_trigger", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
    { id: "http_1", type: "action.http", position: { x: 300, y: 0 }, config: { url: "https://example.com" } },
    { id: "map_1", type: "transform.map", position: { x: 600, y: 0 }, config: { expression: "steps.http_1.body" } },
  ],
  edges: [
    { id: "e1", source: "manual_trigger", target: "http_1" },
    { id: "e2", source: "http_1", target: "map_1" },
  ],
};

describe("toIssuePath", () => {
  it("reads dotted API paths and zod paths alike", () => {
    expect(toIssuePath("nodes.2.config.url")).toEqual(["nodes", 2, "config", "url"]);
    expect(toIssuePath(["edges", 1, "target"])).toEqual(["edges", 1, "target"]);
    expect(toIssuePath("")).toEqual([]);
  });
});

describe("validateDocument", () => {
  it("finds nothing wrong with a valid document", () => {
    expect(validateDocument(valid)).toBe(NO_ISSUES);
  });

  it("puts config issues on the node's field", () => {
    const doc = { ...valid, nodes: valid.nodes.map((n) => (n.id === "http_1" ? { ...n, config: { url: "ftp://nope" } } : n)) };
    const issues = validateDocument(doc);
    expect(issues.byNode.get("http_1")).toEqual([{ section: "config", path: ["url"], message: "Use an http:// or https:// URL" }]);
    expect(issues.problems).toEqual([expect.objectContaining({ nodeId: "http_1", message: "URL: Use an http:// or https:// URL" })]);
  });

  it("reports one issue per field: an empty URL only asks for a URL", () => {
    const doc = { ...valid, nodes: valid.nodes.map((n) => (n.id === "http_1" ? { ...n, config: { url: "" } } : n)) };
    const issues = validateDocument(doc);
    expect(issues.byNode.get("http_1")).toEqual([{ section: "config", path: ["url"], message: "Enter a URL" }]);
    expect(issues.problems).toHaveLength(1);
  });

  it("marks a second trigger on that node", () => {
    const doc = { ...valid, nodes: [...valid.nodes, { id: "webhook", type: "trigger.webhook", position: { x: 0, y: 200 }, config: {} }] };
    const issues = validateDocument(doc);
    expect(issues.byNode.get("webhook")?.[0]).toMatchObject({ section: "node", path: ["type"], message: expect.stringMatching(/exactly one trigger/) });
    expect(issues.byNode.has("manual_trigger")).toBe(false);
  });

  it("marks a loop on the edge and on the node it enters", () => {
    const doc = {
      ...valid,
      nodes: [...valid.nodes, { id: "if_1", type: "flow.if", position: { x: 0, y: 0 }, config: { condition: "true" } }],
      edges: [...valid.edges, { id: "e3", source: "map_1", target: "if_1" }, { id: "e4", source: "if_1", target: "map_1", sourceHandle: "true" }],
    };
    const issues = validateDocument(doc);
    const [edgeId, messages] = [...issues.byEdge][0];
    expect(messages[0]).toMatch(/loop/);
    const target = doc.edges.find((e) => e.id === edgeId)!.target;
    expect(issues.byNode.get(target)).toEqual([expect.objectContaining({ section: "connection" })]);
    expect(issues.problems).toHaveLength(1);
  });

  it("keeps document-level issues apart", () => {
    const issues = validateDocument({ ...valid, name: " " });
    expect(issues.workflow).toEqual(["Give the workflow a name"]);
  });
});

describe("mapIssues", () => {
  it("maps server issues by the ids of the document that was sent", () => {
    const issues = mapIssues(valid, [
      { path: "nodes.1.settings.retry.maxAttempts", message: "Too big" },
      { path: "edges.1.target", message: "Bad target" },
    ]);
    expect(issues.byNode.get("http_1")).toEqual([{ section: "settings", path: ["retry", "maxAttempts"], message: "Too big" }]);
    expect(issues.byEdge.get("e2")).toEqual(["Bad target"]);
    expect(issues.byNode.get("map_1")).toEqual([{ section: "connection", path: [], message: "Bad target" }]);
  });
});

describe("issuesByField", () => {
  it("groups by the first path segment, first issue per exact path", () => {
    const grouped = issuesByField([
      { path: ["url"], message: "A" },
      { path: ["headers", "x"], message: "B" },
      { path: ["headers", "y"], message: "B2" },
      { path: ["url"], message: "A2" },
      { path: [], message: "C" },
    ]);
    expect(Object.fromEntries(grouped)).toEqual({ url: ["A"], headers: ["B", "B2"], "": ["C"] });
  });
});

describe("mergeIssues", () => {
  it("combines both sources without repeating an issue", () => {
    const a = mapIssues(valid, [{ path: "nodes.1.config.url", message: "Bad" }]);
    const b = mapIssues(valid, [{ path: "nodes.1.config.url", message: "Bad" }, { path: "name", message: "Name" }]);
    const merged = mergeIssues(a, b);
    expect(merged.byNode.get("http_1")).toHaveLength(1);
    expect(merged.problems.map((p) => p.message)).toEqual(["URL: Bad", "Name"]);
    expect(mergeIssues(NO_ISSUES, b)).toBe(b);
  });
});

describe("describeNodeIssue", () => {
  it("names the field, settings or connection an issue is about", () => {
    expect(describeNodeIssue({ section: "config", path: ["timeoutMs"], message: "Too small" }, "action.http")).toBe("Timeout (ms): Too small");
    expect(describeNodeIssue({ section: "config", path: ["someKey"], message: "Bad" }, "unknown.type")).toBe("Some key: Bad");
    expect(describeNodeIssue({ section: "settings", path: ["retry", "maxAttempts"], message: "Too big" }, "action.http")).toBe("Retries: Too big");
    expect(describeNodeIssue({ section: "settings", path: ["timeoutMs"], message: "Too small" }, "action.http")).toBe("Time limit: Too small");
    expect(describeNodeIssue({ section: "connection", path: [], message: "Loop" }, "action.http")).toBe("Incoming connection: Loop");
  });

  it("says which list item an issue is in", () => {
    expect(describeNodeIssue({ section: "config", path: ["cases", 1, "condition"], message: "Enter a condition" }, "flow.switch")).toBe("Case 2 › Condition: Enter a condition");
    expect(describeNodeIssue({ section: "config", path: ["cases", 0], message: "Bad" }, "flow.switch")).toBe("Case 1: Bad");
    expect(describeNodeIssue({ section: "config", path: ["cases"], message: "Output names must be unique" }, "flow.switch")).toBe("Cases: Output names must be unique");
  });
});

describe("switch and error outputs", () => {
  const withSwitch: WorkflowDocument = {
    ...valid,
    nodes: [
      ...valid.nodes,
      { id: "switch_1", type: "flow.switch", position: { x: 0, y: 0 }, config: { cases: [{ output: "big", condition: "input.total > 9" }] } },
      { id: "done", type: "transform.map", position: { x: 0, y: 0 }, config: { expression: "input" } },
    ],
    edges: [...valid.edges, { id: "e3", source: "map_1", target: "switch_1" }, { id: "e4", source: "switch_1", target: "done", sourceHandle: "big" }],
  };

  it("flags a connection from an output the node no longer has", () => {
    const renamed = { ...withSwitch, nodes: withSwitch.nodes.map((n) => (n.id === "switch_1" ? { ...n, config: { cases: [{ output: "large", condition: "true" }] } } : n)) };
    const issues = validateDocument(renamed);
    expect(issues.byEdge.get("e4")?.[0]).toMatch(/no output "big"/);
  });

  it("leaves out missing-output issues while the node's config is invalid", () => {
    const broken = { ...withSwitch, nodes: withSwitch.nodes.map((n) => (n.id === "switch_1" ? { ...n, config: { cases: [{ output: "big", condition: "" }] } } : n)) };
    const issues = validateDocument(broken);
    expect(issues.byEdge.size).toBe(0);
    expect(issues.problems.map((p) => p.message)).toEqual(["Case 1 › Condition: Enter a condition"]);
  });

  it("accepts a connection from the error output only while onError is branch", () => {
    const doc = { ...valid, edges: [...valid.edges, { id: "e3", source: "http_1", target: "map_1", sourceHandle: "error" }] };
    expect(validateDocument(doc).byEdge.get("e3")?.[0]).toMatch(/no output "error"/);
    const branching = { ...doc, nodes: doc.nodes.map((n) => (n.id === "http_1" ? { ...n, settings: { onError: "branch" as const } } : n)) };
    expect(validateDocument(branching)).toBe(NO_ISSUES);
  });
});

describe("workflow settings issues", () => {
  it("keeps them apart from the name, by setting, with a problem that opens the settings", () => {
    const issues = mapIssues(valid, [{ path: "settings.failureWorkflowId", message: 'No workflow "wf_gone"' }]);
    expect(issues.workflow).toEqual([]);
    expect(issues.settings.get("failureWorkflowId")).toEqual(['No workflow "wf_gone"']);
    expect(issues.problems).toEqual([expect.objectContaining({ message: 'Failure workflow: No workflow "wf_gone"', workflowSettings: true })]);
  });

  it("are checked live against the schema", () => {
    const issues = validateDocument({ ...valid, settings: { concurrency: 0 } });
    expect(issues.settings.get("concurrency")).toHaveLength(1);
    expect(issues.problems[0].message).toMatch(/^Concurrency limit: /);
  });

  it("merge like the others", () => {
    const a = mapIssues(valid, [{ path: "settings.timeoutMs", message: "Too small" }]);
    const b = mapIssues(valid, [{ path: "settings.timeoutMs", message: "Too small" }, { path: "settings.concurrency", message: "Bad" }]);
    expect(Object.fromEntries(mergeIssues(a, b).settings)).toEqual({ timeoutMs: ["Too small"], concurrency: ["Bad"] });
  });
});
