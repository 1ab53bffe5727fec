import { GitBranch } from "lucide-react";
import { z } from "zod";
import { evaluate, isTruthy } from "@/lib/document/expressions";
import { defineNode } from "./types";

/** Passes its input through unchanged and follows `true` or `false` by a JSONata condition. */
export const ifFlow = defineNode({
  type: "flow.if",
  kind: "step",
  category: "flow",
  label: "If",
  description: "Branch on a condition: the run follows the true or the false output.",
  icon: GitBranch,
  config: z.object({
    condition: z
      .string()
      .trim()
      .min(1, "Enter a condition")
      .meta({ title: "Condition", description: "JSONata; truthy follows “true”.", widget: "jsonata" }),
  }),
  defaults: { condition: "input.status = 200" },
  outputs: [
    { id: "true", label: "true" },
    { id: "false", label: "false" },
  ],
  jsonataFields: ["condition"],
  async execute({ config, scope }) {
    const value = await evaluate(config.condition, scope);
    return { output: scope.input ?? null, branch: isTruthy(value) ? "true" : "false" };
  },
});
