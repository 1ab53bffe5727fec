import { Split } from "lucide-react";
import { z } from "zod";
import { evaluate, isTruthy } from "@/lib/document/expressions";
import { defineNode } from "./types";

const DEFAULT_OUTPUT = "default";

const caseSchema = z.object({
  output: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, "Use letters, digits, - and _")
    .refine((name) => name !== DEFAULT_OUTPUT, `"${DEFAULT_OUTPUT}" is reserved for when no case matches`)
    .meta({ title: "Output" }),
  condition: z.string().trim().min(1, "Enter a condition").meta({ title: "Condition", widget: "jsonata" }),
});

/** Routes its input to the output of the first (or every) case whose JSONata condition holds, else to "default". */
export const switchFlow = defineNode({
  type: "flow.switch",
  kind: "step",
  pure: true,
  category: "flow",
  label: "Switch",
  description: "Route to one of several named outputs by conditions, with a default.",
  icon: Split,
  config: z
    .object({
      cases: z.array(caseSchema).min(1, "Add at least one case").max(20).meta({ title: "Cases", description: "Checked in order; conditions are JSONata." }),
      mode: z
        .enum(["first", "all"])
        .default("first")
        .meta({ title: "Match", description: "first: the first case that holds; all: every case that holds." }),
    })
    .refine((c) => new Set(c.cases.map((x) => x.output)).size === c.cases.length, { message: "Output names must be unique", path: ["cases"] }),
  defaults: {
    cases: [
      { output: "high", condition: "input.total >= 1000" },
      { output: "low", condition: "input.total < 1000" },
    ],
    mode: "first",
  },
  outputs: (config) => [...config.cases.map((c) => ({ id: c.output, label: c.output })), { id: DEFAULT_OUTPUT, label: DEFAULT_OUTPUT }],
  jsonataFields: ["cases.*.condition"],
  async execute({ config, scope }) {
    const matched: string[] = [];
    for (const c of config.cases) {
      if (isTruthy(await evaluate(c.condition, scope))) {
        matched.push(c.output);
        if (config.mode === "first") break;
      }
    }
    return { output: scope.input ?? null, branch: matched.length ? matched : DEFAULT_OUTPUT };
  },
});
