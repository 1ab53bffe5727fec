import { describe, expect, it } from "vitest";
import { connectionError, newEdgeId } from "@/lib/editor/connections";
import type { EditorEdge, EditorNode } from "@/lib/editor/types";

const node = (id: string, type: string): EditorNode => ({ id, type: "workflow", position: { x: 0, y: 0 }, data: { type, config: {} } });
const nodes = [node("manual_trigger", "trigger.manual"), node("if_1", "flow.if"), node("http_1", "action.http"), node("map_1", "transform.map")];
const edges: EditorEdge[] = [
  { id: "e1", source: "manual_trigger", target: "if_1" },
  { id: "e2", source: "if_1", target: "http_1", sourceHandle: "true" },
];

describe("connectionError", () => {
  it("allows new forward connections", () => {
    expect(connectionError({ source: "http_1", target: "map_1", sourceHandle: "main" }, nodes, edges)).toBeNull();
    expect(connectionError({ source: "if_1", target: "http_1", sourceHandle: "false" }, nodes, edges)).toBeNull();
  });

  it("refuses self-loops, edges into triggers, duplicates and loops", () => {
    expect(connectionError({ source: "http_1", target: "http_1" }, nodes, edges)).toMatch(/itself/);
    expect(connectionError({ source: "http_1", target: "manual_trigger" }, nodes, edges)).toMatch(/trigger/);
    expect(connectionError({ source: "if_1", target: "http_1", sourceHandle: "true" }, nodes, edges)).toMatch(/already connected/);
    expect(connectionError({ source: "manual_trigger", target: "if_1", sourceHandle: "main" }, nodes, edges)).toMatch(/already connected/);
    expect(connectionError({ source: "http_1", target: "if_1" }, nodes, edges)).toMatch(/loop/);
  });
});

describe("newEdgeId", () => {
  it("describes the connection and stays unique", () => {
    expect(newEdgeId({ source: "a", target: "b", sourceHandle: "main" }, [])).toBe("a->b");
    expect(newEdgeId({ source: "if_1", target: "b", sourceHandle: "true" }, [])).toBe("if_1.true->b");
    expect(newEdgeId({ source: "a", target: "b" }, [{ id: "a->b", source: "x", target: "y" }])).toBe("a->b#2");
  });
});

describe("connections from dynamic and error outputs", () => {
  const switchNode: EditorNode = {
    id: "switch_1",
    type: "workflow",
    position: { x: 0, y: 0 },
    data: { type: "flow.switch", config: { cases: [{ output: "big", condition: "input.total > 9" }], mode: "first" } },
  };
  const branching: EditorNode = { ...node("http_2", "action.http"), data: { type: "action.http", config: {}, settings: { onError: "branch" } } };
  const all = [...nodes, switchNode, branching];

  it("allows the node's current outputs and refuses ones it no longer has", () => {
    expect(connectionError({ source: "switch_1", target: "map_1", sourceHandle: "big" }, all, edges)).toBeNull();
    expect(connectionError({ source: "switch_1", target: "map_1", sourceHandle: "default" }, all, edges)).toBeNull();
    expect(connectionError({ source: "switch_1", target: "map_1", sourceHandle: "small" }, all, edges)).toMatch(/no longer has the output "small"/);
  });

  it("has an error output only while onError is branch", () => {
    expect(connectionError({ source: "http_2", target: "map_1", sourceHandle: "error" }, all, edges)).toBeNull();
    expect(connectionError({ source: "http_1", target: "map_1", sourceHandle: "error" }, all, edges)).toMatch(/no longer has the output "error"/);
  });
});
