import { Sigma } from "lucide-react";
import { z } from "zod";
import { evaluate } from "@/lib/document/expressions";
import { asList, getPath, isValidPath, parsePath, PATH_HELP, setPath } from "./transform-common";
import { defineNode } from "./types";

const FUNCTIONS = ["count", "sum", "avg", "min", "max", "list", "distinct", "first", "last"] as const;
type AggregateFunction = (typeof FUNCTIONS)[number];

const PATH_MESSAGE = "Use a field name or a dotted path such as customer.country";

const calculationSchema = z
  .object({
    op: z.enum(FUNCTIONS).default("count").meta({
      title: "Calculate",
      description: "Count items (or those that have the field); sum, average (avg), min or max of a field; list all or distinct values; first or last value.",
    }),
    field: z.string().trim().refine(isValidPath, PATH_MESSAGE).optional().meta({ title: "Field", description: `${PATH_HELP} Not needed to count items.` }),
    as: z
      .string()
      .trim()
      .regex(/^[^.{}]*$/, "Use a plain name (no dots)")
      .optional()
      .meta({ title: "Name in the result", description: 'Defaults to the calculation and field, e.g. "sum_total" or "count".' }),
  })
  .superRefine((c, ctx) => {
    if (c.op !== "count" && !c.field) ctx.addIssue({ code: "custom", path: ["field"], message: `Enter the field to ${c.op === "avg" ? "average" : c.op}` });
  });

export type Calculation = z.output<typeof calculationSchema>;

/** Groups a list by fields and computes counts, sums, averages, extremes and lists per group (or over all items). */
export const aggregateTransform = defineNode({
  type: "transform.aggregate",
  kind: "step",
  pure: true,
  category: "transform",
  label: "Aggregate",
  description: "Count, sum, average, min/max or list values of a list, overall or per group.",
  icon: Sigma,
  config: z.object({
    items: z
      .string()
      .trim()
      .min(1, "Enter the list to aggregate, e.g. input")
      .default("input")
      .meta({ title: "Items", description: "The list to aggregate (JSONata), e.g. input or input.body.orders.", widget: "jsonata" }),
    groupBy: z
      .array(z.string().trim().min(1, "Enter a field").refine(isValidPath, PATH_MESSAGE))
      .max(10)
      .default([])
      .meta({ title: "Group by fields", description: "Items with the same values in these fields form a group; the output is then one entry per group. None: one result for all items." }),
    calculations: z.array(calculationSchema).min(1, "Add at least one calculation").max(50).meta({ title: "Calculations" }),
  }),
  defaults: { items: "input", groupBy: [], calculations: [{ op: "count" }] },
  jsonataFields: ["items"],
  async execute({ config, scope }) {
    const items = asList(await evaluate(config.items, scope));
    return { output: aggregate(items, config.groupBy, config.calculations) };
  },
});

/** One object of results without groups; with groups, one object per group (in order of first appearance) holding the group's field values and results. */
export function aggregate(items: unknown[], groupBy: string[], calculations: Calculation[]): Record<string, unknown> | Record<string, unknown>[] {
  if (!groupBy.length) return calculate(items, calculations);
  const paths = groupBy.map(parsePath);
  const groups = new Map<string, { keys: unknown[]; items: unknown[] }>();
  for (const item of items) {
    const keys = paths.map((path) => getPath(item, path) ?? null);
    const id = JSON.stringify(keys);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { keys, items: [] }));
    group.items.push(item);
  }
  return [...groups.values()].map((group) => {
    const entry: Record<string, unknown> = {};
    paths.forEach((path, i) => setPath(entry, path, group.keys[i]));
    return { ...entry, ...calculate(group.items, calculations) };
  });
}

function calculate(items: unknown[], calculations: Calculation[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const c of calculations) result[resultName(c)] = compute(c.op, items, c.field ? parsePath(c.field) : []);
  return result;
}

export function resultName(c: Pick<Calculation, "op" | "field" | "as">): string {
  if (c.as) return c.as;
  if (!c.field) return c.op;
  return `${c.op}_${c.field.replace(/[.[\]]+/g, "_").replace(/_$/, "")}`;
}

function compute(op: AggregateFunction, items: unknown[], path: string[]): unknown {
  const values = path.length ? items.map((item) => getPath(item, path)).filter((v) => v !== undefined && v !== null) : items;
  switch (op) {
    case "count":
      return values.length;
    case "sum":
      return numbers(values).reduce((a, b) => a + b, 0);
    case "avg": {
      const ns = numbers(values);
      return ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : null;
    }
    case "min":
    case "max":
      return extreme(values, op);
    case "list":
      return values;
    case "distinct": {
      const seen = new Set<string>();
      return values.filter((v) => {
        const key = JSON.stringify(v);
        return !seen.has(key) && !!seen.add(key);
      });
    }
    case "first":
      return values.length ? values[0] : null;
    case "last":
      return values.length ? values[values.length - 1] : null;
  }
}

/** Numbers and numeric text ("12.50"); anything else is left out. */
function numbers(values: unknown[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

/** Numerically when every value is a number (or numeric text), else as text (so ISO dates compare correctly). */
function extreme(values: unknown[], op: "min" | "max"): unknown {
  if (!values.length) return null;
  const ns = numbers(values);
  if (ns.length === values.length) return ns.reduce((a, b) => (op === "min" ? Math.min(a, b) : Math.max(a, b)));
  const texts = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  let best = 0;
  texts.forEach((t, i) => {
    if (op === "min" ? t < texts[best] : t > texts[best]) best = i;
  });
  return values[best];
}
