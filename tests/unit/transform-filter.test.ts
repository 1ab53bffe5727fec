import { describe, expect, it } from "vitest";
import { ExpressionError } from "@/lib/document/expressions";
import { issuesOf, outputOf } from "../support/transforms";

const orders = [
  { id: 1, status: "paid", total: 120, customer: { vip: true } },
  { id: 2, status: "open", total: 80, customer: { vip: false } },
  { id: 3, status: "paid", total: 30, customer: { vip: false } },
];

describe("transform.filter", () => {
  it("keeps the items whose condition holds, reading each item's fields by name", async () => {
    expect(await outputOf("transform.filter", { condition: 'status = "paid" and total > 50' }, orders)).toEqual([orders[0]]);
    expect(await outputOf("transform.filter", { condition: "customer.vip or total < 50" }, orders)).toEqual([orders[0], orders[2]]);
  });

  it("offers $index, $trigger, $steps and $input inside the condition", async () => {
    expect(await outputOf("transform.filter", { condition: "$index > 0" }, orders)).toEqual([orders[1], orders[2]]);
    expect(await outputOf("transform.filter", { condition: "total >= $trigger.minimum" }, orders, { trigger: { minimum: 80 } })).toEqual([orders[0], orders[1]]);
    expect(await outputOf("transform.filter", { condition: "id in $steps.wanted", items: "steps.all" }, null, { steps: { all: orders, wanted: [2, 3] } })).toEqual([orders[1], orders[2]]);
    expect(await outputOf("transform.filter", { condition: "id = $count($input)" }, orders)).toEqual([orders[2]]);
  });

  it("filters a list found by JSONata; nothing gives an empty list and a single object a list of it", async () => {
    expect(await outputOf("transform.filter", { items: "input.body.orders", condition: "id = 2" }, { body: { orders } })).toEqual([orders[1]]);
    expect(await outputOf("transform.filter", { items: "input.missing", condition: "true" }, {})).toEqual([]);
    expect(await outputOf("transform.filter", { condition: "status = 'paid'" }, orders[0])).toEqual([orders[0]]);
    expect(await outputOf("transform.filter", { condition: "status = 'paid'" }, orders[1])).toEqual([]);
  });

  it("treats lists in the condition as true when not empty, like flow.if", async () => {
    const items = [{ tags: ["x"] }, { tags: [] }, {}];
    expect(await outputOf("transform.filter", { condition: "tags" }, items)).toEqual([items[0]]);
  });

  it("fails with the expression's message when the condition cannot be evaluated", async () => {
    await expect(outputOf("transform.filter", { condition: "$number('x') > 1" }, [{}])).rejects.toBeInstanceOf(ExpressionError);
  });

  it("checks the JSONata syntax of both fields when saved", () => {
    expect(issuesOf("transform.filter", { items: "input", condition: "status = " })).toHaveLength(1);
    expect(issuesOf("transform.filter", { items: "input", condition: "" })).toEqual(["condition: Enter a condition"]);
    expect(issuesOf("transform.filter", { condition: "a = 1" })).toEqual([]);
  });
});
