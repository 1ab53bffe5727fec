import { describe, expect, it } from "vitest";
import { loopBodies } from "@/lib/document/loops";
import { graphIssues, type WorkflowDocument } from "@/lib/document/schema";
import { issuesOf, outputOf } from "../support/transforms";

function doc(nodes: [string, string][], edges: [string, string][]): WorkflowDocument {
  return {
    version: 1,
    name: "loops",
    nodes: nodes.map(([id, type], i) => ({ id, type, position: { x: i, y: 0 }, config: type === "transform.split" ? {} : type === "transform.map" ? { expression: "input" } : {} })),
    edges: edges.map(([source, target], i) => ({ id: `e${i}`, source, target })),
  };
}

describe("transform.split", () => {
  it("outputs one iteration per item, or batches of N with a smaller last batch", async () => {
    expect(await outputOf("transform.split", {}, [1, 2, 3])).toEqual([1, 2, 3]);
    expect(await outputOf("transform.split", { mode: "batch", batchSize: 2 }, [1, 2, 3, 4, 5])).toEqual([[1, 2], [3, 4], [5]]);
    expect(await outputOf("transform.split", { items: "input.orders" }, { orders: [{ id: "a" }] })).toEqual([{ id: "a" }]);
  });

  it("treats nothing as no iterations and a single value as one", async () => {
    expect(await outputOf("transform.split", { items: "input.missing" }, {})).toEqual([]);
    expect(await outputOf("transform.split", {}, { id: 1 })).toEqual([{ id: 1 }]);
  });

  it("refuses more iterations than a loop may run, without retrying", async () => {
    // Large loops run in chunk runs (lib/execution/loop-chunks.ts), up to 100,000 iterations.
    await expect(outputOf("transform.split", {}, Array.from({ length: 100_001 }, (_, i) => i))).rejects.toMatchObject({ retriable: false, message: expect.stringContaining("a loop runs at most 100,000") });
    expect(await outputOf("transform.split", {}, Array.from({ length: 100_000 }, (_, i) => i))).toHaveLength(100_000);
    expect(await outputOf("transform.split", { mode: "batch", batchSize: 10 }, Array.from({ length: 100_001 }, (_, i) => i))).toHaveLength(10_001);
  });

  it("checks the batch size and the JSONata of the items", () => {
    expect(issuesOf("transform.split", { batchSize: 0 })).toEqual(["batchSize: A batch has at least 1 item"]);
    expect(issuesOf("transform.split", { batchSize: 1001 })[0]).toMatch(/^batchSize: /);
    expect(issuesOf("transform.split", { items: "input.(" })[0]).toMatch(/^items: /);
  });
});

describe("loop bodies", () => {
  it("are the nodes after a split up to a merge, which belongs to the enclosing run", () => {
    const graph = doc(
      [["start", "trigger.manual"], ["each", "transform.split"], ["a", "transform.map"], ["b", "transform.map"], ["join", "flow.merge"], ["after", "transform.map"]],
      [["start", "each"], ["each", "a"], ["a", "b"], ["b", "join"], ["join", "after"]],
    );
    const { owner, issues } = loopBodies(graph);
    expect(Object.fromEntries(owner)).toEqual({ a: "each", b: "each" });
    expect(issues).toEqual([]);
    expect(graphIssues(graph)).toEqual([]);
  });

  it("do not loop the split's error output", () => {
    const graph = doc([["start", "trigger.manual"], ["each", "transform.split"], ["a", "transform.map"], ["oops", "transform.map"]], [["start", "each"], ["each", "a"]]);
    graph.nodes[1].settings = { onError: "branch" };
    graph.edges.push({ id: "err", source: "each", target: "oops", sourceHandle: "error" });
    expect(Object.fromEntries(loopBodies(graph).owner)).toEqual({ a: "each" });
    expect(graphIssues(graph)).toEqual([]);
  });

  it("reject a loop inside a loop and a node after two loops", () => {
    const nested = doc(
      [["start", "trigger.manual"], ["outer", "transform.split"], ["inner", "transform.split"], ["a", "transform.map"]],
      [["start", "outer"], ["outer", "inner"], ["inner", "a"]],
    );
    expect(graphIssues(nested).map((i) => i.message)).toEqual([expect.stringMatching(/^A loop inside the loop of "outer"/)]);
    const two = doc(
      [["start", "trigger.manual"], ["s1", "transform.split"], ["s2", "transform.split"], ["a", "transform.map"]],
      [["start", "s1"], ["start", "s2"], ["s1", "a"], ["s2", "a"]],
    );
    expect(graphIssues(two).map((i) => i.message)).toEqual(['"a" follows two loops ("s1" and "s2"); end one of them with a Merge first']);
  });
});
