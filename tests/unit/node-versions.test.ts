import { describe, expect, it } from "vitest";
import { graphIssues, type WorkflowDocument } from "@/lib/document/schema";
import { widgetPaths } from "@/lib/document/widget-paths";
import { documentToFlow, flowToDocument } from "@/lib/editor/convert";
import { newNodeData } from "@/lib/editor/new-node";
import { compare } from "@/lib/nodes/comparisons";
import { getNodeDefinition, latestTypeVersion, nodeDefinitionOf, nodeDefinitions } from "@/lib/nodes";
import type { FieldWidget } from "@/lib/nodes/types";

describe("node type versions", () => {
  it("resolves a stored node to the version it names (1 when it names none) and offers the latest for new nodes", () => {
    expect(getNodeDefinition("flow.if")?.typeVersion).toBe(2);
    expect(latestTypeVersion("flow.if")).toBe(2);
    expect(latestTypeVersion("action.http")).toBe(1);
    expect(nodeDefinitionOf({ type: "flow.if" })?.config.safeParse({ condition: "input.ok" }).success).toBe(true);
    expect(nodeDefinitionOf({ type: "flow.if", typeVersion: 2 })?.typeVersion).toBe(2);
    expect(nodeDefinitionOf({ type: "flow.if", typeVersion: 3 })).toBeUndefined();
    expect(newNodeData("flow.if")).toEqual({ type: "flow.if", typeVersion: 2, config: { conditions: [{ left: "{{ input.status }}", operator: "equals", right: "200" }], combine: "and" } });
    expect(newNodeData("action.http")).not.toHaveProperty("typeVersion");
    expect(nodeDefinitions.filter((d) => d.type === "flow.if")).toHaveLength(1);
  });

  it("keeps every version of a type with the same secret, code and connection fields, which secrets, masking and import read by type", () => {
    const widgets: FieldWidget[] = ["secret", "code", "connection"];
    for (const latest of nodeDefinitions) {
      for (let version = 1; version < (latest.typeVersion ?? 1); version++) {
        const older = getNodeDefinition(latest.type, version)!;
        for (const widget of widgets) expect(widgetPaths(older, widget), `${latest.type} v${version} ${widget}`).toEqual(widgetPaths(latest, widget));
      }
    }
  });

  it("carries a node's version through the editor and names an unknown one", () => {
    const document: WorkflowDocument = {
      version: 1,
      name: "v",
      nodes: [
        { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
        { id: "check", type: "flow.if", typeVersion: 2, position: { x: 300, y: 0 }, config: { conditions: [{ left: "{{ trigger.a }}", operator: "isTrue" }], combine: "or" } },
      ],
      edges: [{ id: "e", source: "start", target: "check" }],
    };
    const flow = documentToFlow(document);
    expect(flowToDocument({ name: "v" }, flow.nodes, flow.edges)).toEqual(document);
    expect(graphIssues(document)).toEqual([]);
    expect(graphIssues({ ...document, nodes: [document.nodes[0], { ...document.nodes[1], typeVersion: 9 }] })).toEqual([{ path: ["nodes", 1, "typeVersion"], message: '"flow.if" has no version 9 here (the latest is 2)' }]);
    expect(graphIssues({ ...document, nodes: [document.nodes[0], { ...document.nodes[1], config: { conditions: [{ left: "x", operator: "matchesRegex", right: "([" }] } }] })[0]).toMatchObject({ path: ["nodes", 1, "config", "conditions", 0, "right"], message: expect.stringContaining("Not a valid regular expression") });
  });
});

describe("If comparisons", () => {
  it("compares numbers as numbers, ISO dates as dates, and the rest as text", () => {
    expect(compare(1500, "greaterThan", "1000")).toBe(true);
    expect(compare("999", "greaterThan", "1000")).toBe(false);
    expect(compare("b", "greaterThan", "a")).toBe(true);
    expect(compare("2026-12-05T10:00:00Z", "lessThan", "2026-12-05T11:00:00+00:00")).toBe(true);
    expect(compare(200, "equals", "200")).toBe(true);
    expect(compare({ a: 1, b: 2 }, "equals", { b: 2, a: 1 })).toBe(true);
    expect(compare(true, "equals", "TRUE")).toBe(true);
    expect(compare("DE", "notEquals", "de")).toBe(true);
  });

  it("looks inside text and lists, and knows empty, true and false", () => {
    expect(compare(["vip", "b2b"], "contains", "vip")).toBe(true);
    expect(compare([1, 2], "contains", "2")).toBe(true);
    expect(compare("order #42", "contains", "#4")).toBe(true);
    expect(compare("order", "notContains", "x")).toBe(true);
    expect(compare("invoice-9", "startsWith", "invoice")).toBe(true);
    expect(compare("a.csv", "endsWith", ".csv")).toBe(true);
    expect(compare("AB-123", "matchesRegex", "^[A-Z]{2}-\\d+$")).toBe(true);
    for (const empty of [null, undefined, "", [], {}]) expect(compare(empty, "isEmpty", undefined)).toBe(true);
    expect(compare(0, "isNotEmpty", undefined)).toBe(true);
    expect([compare("true", "isTrue", undefined), compare(false, "isFalse", undefined), compare(1, "isTrue", undefined)]).toEqual([true, true, false]);
  });
});
