import { describe, expect, it } from "vitest";
import type { WorkflowDocument } from "@/lib/document/schema";
import { planReplay, planReplayOn } from "@/lib/runs/replay-plan";

/** start → fetch → enrich → send, where the run failed at `send`. */
function doc(changes: { nodes?: WorkflowDocument["nodes"]; edges?: WorkflowDocument["edges"] } = {}): WorkflowDocument {
  const at = { x: 0, y: 0 };
  return {
    version: 1,
    name: "Chain",
    nodes: changes.nodes ?? [
      { id: "start", type: "trigger.manual", position: at, config: {} },
      { id: "fetch", type: "action.http", position: at, config: { url: "https://api.example.com/a" } },
      { id: "enrich", type: "transform.map", position: at, config: { expression: "input.body" } },
      { id: "send", type: "action.http", position: at, config: { url: "https://api.example.com/broken" } },
    ],
    edges: changes.edges ?? [
      { id: "e1", source: "start", target: "fetch" },
      { id: "e2", source: "fetch", target: "enrich" },
      { id: "e3", source: "enrich", target: "send" },
    ],
  };
}

const steps = [
  { nodeId: "start", status: "completed" },
  { nodeId: "fetch", status: "completed" },
  { nodeId: "enrich", status: "completed" },
  { nodeId: "send", status: "failed" },
];

describe("replaying on the published version", () => {
  const v1 = doc();
  const own = planReplay(v1, steps, "send");

  it("reuses every step before the fixed one when only the failed step changed", () => {
    const v2 = doc();
    v2.nodes[3] = { ...v2.nodes[3], config: { url: "https://api.example.com/fixed" } };
    expect(planReplayOn(v2, v1, own)).toEqual({ fromNode: "send", reuse: ["start", "fetch", "enrich"], rerun: ["send"] });
  });

  it("runs a step again when its settings changed, and everything after it", () => {
    const v2 = doc();
    v2.nodes[2] = { ...v2.nodes[2], config: { expression: "input.body.customer" } };
    expect(planReplayOn(v2, v1, own)).toEqual({ fromNode: "enrich", reuse: ["start", "fetch"], rerun: ["enrich", "send"] });
  });

  it("runs a step again whose type changed, or that is new upstream, and what follows", () => {
    const retyped = doc();
    retyped.nodes[1] = { ...retyped.nodes[1], type: "transform.map", config: { expression: "1" } };
    expect(planReplayOn(retyped, v1, own).reuse).toEqual(["start"]);

    const inserted = doc({
      nodes: [...v1.nodes, { id: "check", type: "flow.if", position: { x: 0, y: 0 }, config: { condition: "true" } }],
      edges: [
        { id: "e1", source: "start", target: "fetch" },
        { id: "e2", source: "fetch", target: "check" },
        { id: "e4", source: "check", target: "enrich" },
        { id: "e3", source: "enrich", target: "send" },
      ],
    });
    expect(planReplayOn(inserted, v1, own)).toEqual({ fromNode: "check", reuse: ["start", "fetch"], rerun: ["check", "enrich", "send"] });
  });

  it("a renamed step is a new step: it and what follows run", () => {
    const renamed = doc({
      nodes: [v1.nodes[0], v1.nodes[1], { ...v1.nodes[2], id: "shape" }, v1.nodes[3]],
      edges: [
        { id: "e1", source: "start", target: "fetch" },
        { id: "e2", source: "fetch", target: "shape" },
        { id: "e3", source: "shape", target: "send" },
      ],
    });
    expect(planReplayOn(renamed, v1, own)).toEqual({ fromNode: "shape", reuse: ["start", "fetch"], rerun: ["shape", "send"] });
  });
});
