import { describe, expect, it } from "vitest";
import type { WorkflowDocument } from "@/lib/document/schema";
import { tidyPositions } from "@/lib/editor/tidy";

const at = (x: number, y: number) => ({ x, y });

/** trigger → check (If) → true: notify, false: archive → both into done; plus a loose node. */
const branching: WorkflowDocument = {
  version: 1,
  name: "Branches",
  nodes: [
    { id: "done", type: "transform.map", position: at(0, 0), config: { expression: "input" } },
    { id: "archive", type: "transform.map", position: at(37, 900), config: { expression: "input" } },
    { id: "start", type: "trigger.manual", position: at(400, 400), config: {} },
    { id: "notify", type: "transform.map", position: at(20, 20), config: { expression: "input" } },
    { id: "check", type: "flow.if", position: at(800, 0), config: { condition: "trigger.ok" } },
  ],
  edges: [
    { id: "e1", source: "start", target: "check" },
    { id: "e2", source: "check", sourceHandle: "false", target: "archive" },
    { id: "e3", source: "check", sourceHandle: "true", target: "notify" },
    { id: "e4", source: "notify", target: "done" },
    { id: "e5", source: "archive", target: "done" },
  ],
};

function apply(document: WorkflowDocument, positions: Map<string, { x: number; y: number }>): WorkflowDocument {
  return { ...document, nodes: document.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
}

describe("tidy up", () => {
  it("lays the graph out in layers from left to right, branches in the order of their outputs", async () => {
    const positions = await tidyPositions(branching);
    const x = (id: string) => positions.get(id)!.x;
    const y = (id: string) => positions.get(id)!.y;
    expect(x("start")).toBeLessThan(x("check"));
    expect(x("check")).toBeLessThan(x("notify"));
    expect(x("notify")).toBe(x("archive"));
    expect(x("notify")).toBeLessThan(x("done"));
    expect(y("notify")).toBeLessThan(y("archive"));
    // Laid out from where the workflow was (its top-left corner), on the 16 px grid.
    expect(Math.min(...[...positions.values()].map((p) => p.x))).toBe(0);
    expect(Math.min(...[...positions.values()].map((p) => p.y))).toBe(0);
    for (const p of positions.values()) expect([p.x % 16, p.y % 16]).toEqual([0, 0]);
    // No two nodes overlap.
    const boxes = [...positions.values()];
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(Math.abs(a.x - b.x) >= 240 || Math.abs(a.y - b.y) >= 64).toBe(true);
  });

  it("changes nothing when tidied twice", async () => {
    const once = apply(branching, await tidyPositions(branching));
    expect(await tidyPositions(once)).toEqual(new Map(once.nodes.map((n) => [n.id, n.position])));
  });

  it("lays out only the selection, from the selection's own corner", async () => {
    const positions = await tidyPositions(branching, new Set(["notify", "done"]));
    expect([...positions.keys()].sort()).toEqual(["done", "notify"]);
    expect(positions.get("notify")).toEqual(at(0, 0));
    expect(positions.get("done")!.x).toBeGreaterThan(240);
    expect(positions.get("done")!.y).toBe(0);
  });
});
