import { GitBranch } from "lucide-react";
import { z } from "zod";
import { evaluate, isTruthy } from "@/lib/document/expressions";
import { compare, COMPARISON_LABELS, COMPARISONS, regexProblem, UNARY_COMPARISONS } from "./comparisons";
import { defineNode } from "./types";

const BRANCHES = [
  { id: "true", label: "true" },
  { id: "false", label: "false" },
];

/**
 * If, version 2: conditions built in the form (a value, a comparison, what it is compared with),
 * as n8n's and Zapier's filters are, so no one has to write JSONata to branch; all or any must
 * hold. Passes its input through unchanged and follows `true` or `false`.
 */
export const ifFlow = defineNode({
  type: "flow.if",
  typeVersion: 2,
  kind: "step",
  pure: true,
  category: "flow",
  label: "If",
  description: "Branch on conditions: the run follows the true or the false output.",
  icon: GitBranch,
  config: z.object({
    conditions: z
      .array(
        z.object({
          left: z.unknown().meta({ title: "Value", description: "Usually an expression, e.g. {{ input.total }}.", widget: "text" }),
          operator: z.enum(COMPARISONS).default("equals").meta({ title: "Comparison", optionLabels: COMPARISON_LABELS }),
          right: z.unknown().optional().meta({ title: "Compared with", description: `Text, a number or an expression; not used by “${UNARY_COMPARISONS.map((c) => COMPARISON_LABELS[c]).join("”, “")}”.`, widget: "text" }),
        })
        .superRefine((condition, ctx) => {
          const problem = condition.operator === "matchesRegex" ? regexProblem(condition.right) : null;
          if (problem) ctx.addIssue({ code: "custom", path: ["right"], message: problem });
        }),
      )
      .min(1, "Add a condition")
      .max(20)
      .meta({ title: "Conditions" }),
    combine: z.enum(["and", "or"]).default("and").meta({ title: "Combine", description: "and: every condition must hold; or: any one." }),
  }),
  defaults: { conditions: [{ left: "{{ input.status }}", operator: "equals", right: "200" }], combine: "and" },
  outputs: BRANCHES,
  async execute({ config, scope }) {
    const results = config.conditions.map((c) => compare(c.left, c.operator, c.right));
    const holds = config.combine === "or" ? results.some(Boolean) : results.every(Boolean);
    return { output: scope.input ?? null, branch: holds ? "true" : "false" };
  },
});

/** If, version 1 (workflows built before conditions were built in the form): one JSONata condition. */
export const ifFlowV1 = defineNode({
  type: "flow.if",
  kind: "step",
  pure: true,
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
  outputs: BRANCHES,
  jsonataFields: ["condition"],
  async execute({ config, scope }) {
    const value = await evaluate(config.condition, scope);
    return { output: scope.input ?? null, branch: isTruthy(value) ? "true" : "false" };
  },
});
