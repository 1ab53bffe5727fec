import { describe, expect, it } from "vitest";
import { issuesOf, outputOf } from "../support/transforms";

const sales = [
  { region: "EU", shop: { country: "FR" }, total: 100, at: "2024-01-03", sku: "A" },
  { region: "EU", shop: { country: "DE" }, total: "50.5", at: "2024-01-01", sku: "B" },
  { region: "US", shop: { country: "US" }, total: 20, at: "2024-01-02", sku: "A" },
  { region: "EU", shop: { country: "FR" }, total: null, at: "2024-01-04", sku: "A" },
];

describe("transform.aggregate", () => {
  it("computes every function over all items, with default result names", async () => {
    const output = await outputOf(
      "transform.aggregate",
      {
        calculations: [
          { op: "count" },
          { op: "count", field: "total" },
          { op: "sum", field: "total" },
          { op: "avg", field: "total" },
          { op: "min", field: "total" },
          { op: "max", field: "at" },
          { op: "list", field: "shop.country" },
          { op: "distinct", field: "sku", as: "skus" },
          { op: "first", field: "at" },
          { op: "last", field: "at" },
        ],
      },
      sales,
    );
    expect(output).toEqual({
      count: 4,
      count_total: 3,
      sum_total: 170.5,
      avg_total: 170.5 / 3,
      min_total: 20,
      max_at: "2024-01-04",
      list_shop_country: ["FR", "DE", "US", "FR"],
      skus: ["A", "B"],
      first_at: "2024-01-03",
      last_at: "2024-01-04",
    });
  });

  it("groups by one or several (dotted) fields, in order of first appearance", async () => {
    expect(await outputOf("transform.aggregate", { groupBy: ["region"], calculations: [{ op: "count" }, { op: "sum", field: "total", as: "revenue" }] }, sales)).toEqual([
      { region: "EU", count: 3, revenue: 150.5 },
      { region: "US", count: 1, revenue: 20 },
    ]);
    expect(await outputOf("transform.aggregate", { groupBy: ["region", "shop.country"], calculations: [{ op: "list", field: "sku" }] }, sales)).toEqual([
      { region: "EU", shop: { country: "FR" }, list_sku: ["A", "A"] },
      { region: "EU", shop: { country: "DE" }, list_sku: ["B"] },
      { region: "US", shop: { country: "US" }, list_sku: ["A"] },
    ]);
  });

  it("puts items without the group field in a group of null", async () => {
    expect(await outputOf("transform.aggregate", { groupBy: ["kind"], calculations: [{ op: "count" }] }, [{ kind: "a" }, {}, { kind: null }])).toEqual([
      { kind: "a", count: 1 },
      { kind: null, count: 2 },
    ]);
  });

  it("gives empty results for an empty list: 0 for counts and sums, null for the rest", async () => {
    expect(await outputOf("transform.aggregate", { items: "input.none", calculations: [{ op: "count" }, { op: "sum", field: "x" }, { op: "avg", field: "x" }, { op: "max", field: "x" }, { op: "list", field: "x" }] }, {})).toEqual({
      count: 0,
      sum_x: 0,
      avg_x: null,
      max_x: null,
      list_x: [],
    });
    expect(await outputOf("transform.aggregate", { groupBy: ["x"], calculations: [{ op: "count" }] }, [])).toEqual([]);
  });

  it("asks for a field for everything but count", () => {
    expect(issuesOf("transform.aggregate", { calculations: [{ op: "sum" }] })).toEqual(["calculations.0.field: Enter the field to sum"]);
    expect(issuesOf("transform.aggregate", { calculations: [{ op: "count", as: "a.b" }] })).toEqual(["calculations.0.as: Use a plain name (no dots)"]);
    expect(issuesOf("transform.aggregate", { calculations: [{ op: "count" }] })).toEqual([]);
  });
});
