import { describe, expect, it } from "vitest";
import { orderForCompensation } from "@/lib/execution/compensate";
import { planReplay } from "@/lib/runs/replay-plan";
import { compensatedStepKey, nodeOfStepKey, statesByNode } from "@/lib/runs/step-keys";
import { parseValuePath } from "@/lib/runs/values";
import { compensationNodeIds } from "@/lib/document/compensation";
import { graphIssues, type WorkflowDocument } from "@/lib/document/schema";

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms));

function saga(overrides: Partial<Record<string, { compensation?: string }>> = {}, extraEdges: [string, string][] = []): WorkflowDocument {
  const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({
    id,
    type,
    position: { x: 0, y: 0 },
    config,
    ...(overrides[id] ? { settings: overrides[id] } : {}),
  });
  return {
    version: 1,
    name: "saga",
    nodes: [
      node("start", "trigger.manual"),
      node("reserve", "transform.map", { expression: "1" }),
      node("charge", "transform.map", { expression: "2" }),
      node("release", "transform.map", { expression: "3" }),
      node("refund", "transform.map", { expression: "4" }),
    ],
    edges: [
      { id: "e1", source: "start", target: "reserve" },
      { id: "e2", source: "reserve", target: "charge" },
      ...extraEdges.map(([source, target], i) => ({ id: `x${i}`, source, target })),
    ],
  };
}

describe("saga compensation", () => {
  it("orders completed steps newest first, ties by key so every replay agrees", () => {
    const rows = [
      { nodeId: "reserve", endedAt: at(1) },
      { nodeId: "charge#1", endedAt: at(3) },
      { nodeId: "charge#0", endedAt: at(3) },
      { nodeId: "ship", endedAt: at(5) },
    ];
    expect(orderForCompensation(rows).map((r) => r.nodeId)).toEqual(["ship", "charge#1", "charge#0", "reserve"]);
    expect(orderForCompensation([...rows].reverse()).map((r) => r.nodeId)).toEqual(["ship", "charge#1", "charge#0", "reserve"]);
  });

  it("names the compensation nodes, which stand apart from the normal path", () => {
    const doc = saga({ reserve: { compensation: "release" }, charge: { compensation: "refund" } });
    expect([...compensationNodeIds(doc)].sort()).toEqual(["refund", "release"]);
    expect(graphIssues(doc)).toEqual([]);
  });

  it("rejects a missing, connected, self or chained compensation, naming the setting", () => {
    const messages = (doc: WorkflowDocument) => graphIssues(doc).map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages(saga({ reserve: { compensation: "nope" } }))).toEqual(['nodes.1.settings.compensation: There is no node "nope" to compensate with']);
    expect(messages(saga({ reserve: { compensation: "reserve" } }))).toEqual(["nodes.1.settings.compensation: A node cannot compensate itself"]);
    expect(messages(saga({ reserve: { compensation: "charge" } }))).toEqual([
      'nodes.1.settings.compensation: "charge" is connected; a compensation node runs only on failure, so remove its connections',
    ]);
    expect(messages(saga({ reserve: { compensation: "release" }, release: { compensation: "refund" } }))).toEqual([
      'nodes.1.settings.compensation: "release" compensates other nodes itself; it cannot name a compensation',
    ]);
  });

  it("makes a replay run compensated steps again instead of reusing work that was undone", () => {
    const doc = saga({ reserve: { compensation: "release" } });
    const plan = planReplay(doc, [
      { nodeId: "start", status: "completed" },
      { nodeId: "reserve", status: "completed" },
      { nodeId: "charge", status: "failed" },
      { nodeId: "release@reserve", status: "completed" },
    ], "charge");
    expect(plan.reuse).toEqual(["start"]);
    expect(plan.rerun).toEqual(expect.arrayContaining(["reserve", "charge"]));
  });

  it("reads step keys of loop iterations and compensations, and shows them on their node", () => {
    expect(["charge", "charge#2", "refund@charge#2"].map(nodeOfStepKey)).toEqual(["charge", "charge", "refund"]);
    expect(["charge", "refund@charge#2"].map(compensatedStepKey)).toEqual([null, "charge#2"]);
    expect(["steps.charge#2.output", "steps.refund@charge#2.input", "steps.a@b@c.output"].map(parseValuePath)).toEqual([
      { scope: "step", nodeId: "charge#2", field: "output" },
      { scope: "step", nodeId: "refund@charge#2", field: "input" },
      null,
    ]);
    const states = statesByNode([
      { nodeId: "charge#0", status: "completed", attempts: 1, reused: false },
      { nodeId: "charge#1", status: "failed", attempts: 3, reused: false },
      { nodeId: "refund@charge#0", status: "completed", attempts: 1, reused: false },
    ]);
    expect(Object.fromEntries(states)).toEqual({
      charge: { status: "failed", attempts: 3, reused: false },
      refund: { status: "completed", attempts: 1, reused: false },
    });
  });
});
