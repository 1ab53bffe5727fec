import { describe, expect, it } from "vitest";
import { exampleOf } from "@/lib/openapi/example";
import { completionsFor, referenceAt } from "@/lib/editor/completions";
import { childPath, nodeSample, runData } from "@/lib/editor/sample-data";
import type { WorkflowDocument } from "@/lib/document/schema";

const doc: WorkflowDocument = {
  version: 1,
  name: "sample",
  nodes: [
    { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
    { id: "fetch", type: "transform.map", position: { x: 1, y: 0 }, config: { expression: "1" } },
    { id: "send", type: "transform.map", position: { x: 2, y: 0 }, config: { expression: "1" } },
  ],
  edges: [
    { id: "e1", source: "start", target: "fetch" },
    { id: "e2", source: "fetch", target: "send" },
  ],
};

const run = runData({
  id: "run_1",
  trigger: { customer: { email: "ada@example.com", "first name": "Ada" } },
  steps: [
    { nodeId: "start", status: "completed", output: { customer: { email: "ada@example.com" } } },
    { nodeId: "fetch", status: "completed", output: { body: { items: [{ sku: "A" }] } } },
    { nodeId: "fetch#0", status: "completed", output: "iteration" },
  ],
});

describe("editor example data", () => {
  it("takes a node's input and scope from the last run, pinned data first", () => {
    const sample = nodeSample(doc, "send", run, "wf_1");
    expect(sample.input).toEqual({ body: { items: [{ sku: "A" }] } });
    expect(sample.scope.steps).toEqual({ start: { customer: { email: "ada@example.com" } }, fetch: { body: { items: [{ sku: "A" }] } } });
    expect(sample.output).toBeUndefined();
    const pinned = nodeSample({ ...doc, pinData: { fetch: { body: { pinned: true } }, send: "kept" } }, "send", run, "wf_1");
    expect(pinned.input).toEqual({ body: { pinned: true } });
    expect([pinned.output, pinned.outputSource]).toEqual(["kept", "pinned"]);
    expect(nodeSample(doc, "send", null, "wf_1").input).toBeUndefined();
  });

  it("knows when a node's input is the trigger's output, so the panel shows the trigger data once", () => {
    expect(nodeSample(doc, "fetch", run, "wf_1")).toMatchObject({ inputIsTrigger: true, input: { customer: { email: "ada@example.com" } } });
    expect(nodeSample(doc, "send", run, "wf_1").inputIsTrigger).toBe(false);
  });

  it("completes trigger., input. and steps.<node>. fields inside {{ }}", () => {
    const { scope } = nodeSample(doc, "send", run, "wf_1");
    expect(referenceAt("Hi {{ trigger.cu", 16)).toEqual({ start: 6, typed: "trigger.cu" });
    expect(referenceAt("Hi {{ trigger }} x", 18)).toBeNull();
    expect(referenceAt("{{ ", 3)).toEqual({ start: 3, typed: "" });
    expect(referenceAt("total > steps.fe", 16, true)).toEqual({ start: 8, typed: "steps.fe" });
    expect(referenceAt("steps.fe", 8)).toBeNull();
    expect(completionsFor("", scope).map((c) => c.value)).toEqual(["trigger", "input", "steps", "run"]);
    expect(completionsFor("trigger.cu", scope)).toEqual([{ value: "trigger.customer", label: "customer", detail: "object" }]);
    expect(completionsFor("trigger.customer.", scope).map((c) => c.value)).toEqual(["trigger.customer.email"]);
    expect(completionsFor("steps.", scope).map((c) => c.value)).toEqual(["steps.start", "steps.fetch"]);
    expect(completionsFor("input.body.items.", scope)).toEqual([{ value: "input.body.items.sku", label: "sku", detail: "text" }]);
    expect(completionsFor("input.nothing.", scope)).toEqual([]);
  });

  it("offers an imported operation's output fields from its response schema before the node has run", () => {
    const { scope } = nodeSample(doc, "send", run, "wf_1");
    const order = exampleOf({ type: "object", properties: { id: { type: "string" }, total: { type: "number" }, lines: { type: "array", items: { type: "object", properties: { sku: { type: "string" } } } }, status: { type: "string", enum: ["open", "paid"] } } });
    expect(order).toEqual({ id: "", total: 0, lines: [{ sku: "" }], status: "open" });
    const shapes = { steps: { create_order: order, fetch: { never: "shown" } } };
    expect(completionsFor("steps.", scope, shapes).map((c) => c.value)).toEqual(["steps.create_order", "steps.fetch", "steps.start"]);
    expect(completionsFor("steps.create_order.", scope, shapes)).toEqual([
      { value: "steps.create_order.id", label: "id", detail: "text" },
      { value: "steps.create_order.total", label: "total", detail: "number" },
      { value: "steps.create_order.lines", label: "lines", detail: "list (1)" },
      { value: "steps.create_order.status", label: "status", detail: "text" },
    ]);
    expect(completionsFor("steps.create_order.lines.", scope, shapes).map((c) => c.label)).toEqual(["sku"]);
    // A step's real example data wins over its declared shape.
    expect(completionsFor("steps.fetch.", scope, shapes).map((c) => c.label)).not.toContain("never");
  });

  it("offers the trigger's declared example before a first event, and the event's own fields after it", () => {
    const shapes = { steps: {}, trigger: { method: "POST", body: { id: "evt_1", data: { object: { amount: 1 } } } } };
    const before = { trigger: null, steps: {}, run: { id: "preview", workflowId: "wf_1", attempt: 0 }, input: null };
    expect(completionsFor("trigger.body.data.object.", before, shapes).map((c) => c.label)).toEqual(["amount"]);
    expect(completionsFor("trigger.body.", { ...before, trigger: { body: { real: true } } }, shapes).map((c) => c.label)).toEqual(["real"]);
  });

  it("writes JSONata paths, quoting names that are not plain", () => {
    expect(childPath("input", "email")).toBe("input.email");
    expect(childPath("trigger", "first name")).toBe("trigger.`first name`");
    expect(childPath("input.items", 0)).toBe("input.items[0]");
  });

  it("shows a loop's nodes their first item: the split's output is the item, a body node's output its first iteration's", () => {
    const loop: WorkflowDocument = {
      version: 1,
      name: "loop",
      nodes: [
        { id: "start", type: "trigger.manual", position: { x: 0, y: 0 }, config: {} },
        { id: "each", type: "transform.split", position: { x: 1, y: 0 }, config: {} },
        { id: "tag", type: "transform.map", position: { x: 2, y: 0 }, config: { expression: "1" } },
        { id: "next", type: "transform.map", position: { x: 3, y: 0 }, config: { expression: "1" } },
      ],
      edges: [
        { id: "e1", source: "start", target: "each" },
        { id: "e2", source: "each", target: "tag" },
        { id: "e3", source: "tag", target: "next" },
      ],
    };
    const data = runData({
      id: "run_2",
      trigger: {},
      steps: [
        { nodeId: "each", status: "completed", output: [{ id: 1 }, { id: 2 }] },
        { nodeId: "tag#1", status: "completed", output: "second" },
        { nodeId: "tag#0", status: "completed", output: "first" },
        { nodeId: "tag@x", status: "completed", output: "compensation" },
      ],
    });
    expect(data.outputs).toEqual({ each: [{ id: 1 }, { id: 2 }], tag: "first" });
    expect(nodeSample(loop, "tag", data, "wf").input).toEqual({ id: 1 });
    expect(nodeSample(loop, "next", data, "wf").scope.steps.each).toEqual({ id: 1 });
    expect(nodeSample(loop, "next", data, "wf").input).toBe("first");
  });
});

