import { Filter } from "lucide-react";
import { z } from "zod";
import { evaluate, isTruthy } from "@/lib/document/expressions";
import { asList, evaluateOn } from "./transform-common";
import { defineNode } from "./types";

/** Keeps the items of a list for which a JSONata condition holds. */
export const filterTransform = defineNode({
  type: "transform.filter",
  kind: "step",
  pure: true,
  category: "transform",
  label: "Filter",
  description: "Keep only the items of a list that match a condition.",
  icon: Filter,
  config: z.object({
    items: z
      .string()
      .trim()
      .min(1, "Enter the list to filter, e.g. input")
      .default("input")
      .meta({ title: "Items", description: "The list to filter (JSONata), e.g. input or input.body.orders.", widget: "jsonata" }),
    condition: z
      .string()
      .trim()
      .min(1, "Enter a condition")
      .meta({
        title: "Keep items where",
        description: 'JSONata checked on each item: its fields by name (status = "paid" and total > 100); $index, $input, $trigger and $steps are available too.',
        widget: "jsonata",
      }),
  }),
  defaults: { items: "input", condition: 'status = "active"' },
  jsonataFields: ["items", "condition"],
  async execute({ config, scope }) {
    const items = asList(await evaluate(config.items, scope));
    const kept: unknown[] = [];
    for (const [index, item] of items.entries()) {
      if (isTruthy(await evaluateOn(config.condition, item, scope, { index }))) kept.push(item);
    }
    return { output: kept };
  },
});
