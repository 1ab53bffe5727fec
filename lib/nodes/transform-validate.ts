import { ShieldCheck } from "lucide-react";
import { z } from "zod";
import { evaluate } from "@/lib/document/expressions";
import { NodeError } from "./errors";
import { defineNode } from "./types";

/** Checks data against a JSON Schema: valid data goes on along `valid`, the rest along `invalid` with the errors. */
export const validateTransform = defineNode({
  type: "transform.validate",
  kind: "step",
  pure: true,
  category: "transform",
  label: "Validate",
  description: "Check data against a JSON Schema; valid and invalid data take different outputs.",
  icon: ShieldCheck,
  config: z.object({
    data: z
      .string()
      .trim()
      .min(1, "Enter the data to check, e.g. input")
      .default("input")
      .meta({ title: "Data", description: "What to check (JSONata), e.g. input or trigger.body.", widget: "jsonata" }),
    schema: z
      .record(z.string(), z.unknown(), { error: "Enter a JSON Schema (a JSON object)" })
      .meta({
        title: "JSON Schema",
        description: "The data's expected shape: required fields, types, allowed values. Formats such as email, date-time, uri and uuid are checked. Draft-07, or 2019-09 / 2020-12 when $schema names them.",
        widget: "json",
      }),
  }),
  defaults: {
    data: "input",
    schema: { type: "object", required: ["email"], properties: { email: { type: "string", format: "email" } } },
  },
  outputs: [
    { id: "valid", label: "valid" },
    { id: "invalid", label: "invalid" },
  ],
  jsonataFields: ["data"],
  async execute({ config, scope, services }) {
    const data = await evaluate(config.data, scope);
    let result;
    try {
      result = services.transforms.validateJsonSchema(config.schema, data);
    } catch (error) {
      throw new NodeError((error as Error).message, { retriable: false });
    }
    if (result.valid) return { output: data, branch: "valid" };
    return { output: { errors: result.errors, data }, branch: "invalid" };
  },
});
