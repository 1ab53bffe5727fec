import { Shuffle } from "lucide-react";
import { z } from "zod";
import { evaluate } from "@/lib/document/expressions";
import { defineNode } from "./types";

export const mapTransform = defineNode({
  type: "transform.map",
  kind: "step",
  pure: true,
  category: "transform",
  label: "Map",
  description: "Reshape data with a JSONata expression; the result is the node's output.",
  icon: Shuffle,
  config: z.object({
    expression: z
      .string()
      .trim()
      .min(1, "Enter a JSONata expression")
      .meta({ title: "Expression", description: "JSONata over { trigger, steps, run, input }.", widget: "jsonata" }),
  }),
  defaults: { expression: "{ \"received\": trigger }" },
  jsonataFields: ["expression"],
  async execute({ config, scope }) {
    return { output: await evaluate(config.expression, scope) };
  },
});
