import { describe, expect, it } from "vitest";
import { insertConnected } from "@/lib/editor/insert";
import { EDGE_TYPE, NODE_TYPE, type EditorEdge, type EditorNode } from "@/lib/editor/types";

const node = (id: string, type: string, x: number, y: number, config: Record<string, unknown> = {}): EditorNode => ({ id, type: NODE_TYPE, position: { x, y }, data: { type, config } });
const edge = (id: string, source: string, target: string, sourceHandle?: string): EditorEdge => ({ id, type: EDGE_TYPE, source, target, ...(sourceHandle ? { sourceHandle } : {}) });

const start = node("start", "trigger.manual", 0, 0);
const check = node("check", "flow.if", 336, 0, { condition: "true" });
const done = node("done", "transform.map", 1008, 0, { expression: "input" });
const fresh = node("map_1", "transform.map", 0, 0, { expression: "input" });

describe("inserting a node connected in place", () => {
  it("after a node's only output: to its right, connected without a handle", () => {
    const result = insertConnected([start], [], fresh, { source: "start", sourceHandle: "main" })!;
    expect(result.nodes.at(-1)!.position).toEqual({ x: 336, y: 0 });
    expect(result.edges).toEqual([{ id: "start->map_1", type: EDGE_TYPE, source: "start", target: "map_1" }]);
  });

  it("after one branch of an If: fanned out by the output, connected from that output, clear of other nodes", () => {
    const trueBranch = insertConnected([start, check], [edge("e1", "start", "check")], fresh, { source: "check", sourceHandle: "true" })!;
    expect(trueBranch.nodes.at(-1)!.position).toEqual({ x: 672, y: -48 });
    expect(trueBranch.edges.at(-1)).toMatchObject({ source: "check", sourceHandle: "true", target: "map_1" });
    const second = node("map_2", "transform.map", 0, 0, { expression: "input" });
    const falseBranch = insertConnected(trueBranch.nodes, trueBranch.edges, second, { source: "check", sourceHandle: "true" })!;
    const [a, b] = falseBranch.nodes.slice(-2).map((n) => n.position);
    expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(64);
  });

  it("into a connection: source → new node → target, the old connection gone, the handle kept", () => {
    const result = insertConnected([start, check, done], [edge("e1", "start", "check"), edge("e2", "check", "done", "false")], fresh, { edgeId: "e2" })!;
    expect(result.edges.map((e) => `${e.source}${e.sourceHandle ? `.${e.sourceHandle}` : ""}->${e.target}`)).toEqual(["start->check", "check.false->map_1", "map_1->done"]);
    expect(result.nodes.at(-1)!.position).toEqual({ x: 672, y: 0 });
  });

  it("refuses a target that no longer exists", () => {
    expect(insertConnected([start], [], fresh, { edgeId: "gone" })).toBeNull();
    expect(insertConnected([start], [], fresh, { source: "gone" })).toBeNull();
  });
});
