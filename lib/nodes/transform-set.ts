import { PenLine } from "lucide-react";
import { z } from "zod";
import { evaluate } from "@/lib/document/expressions";
import { NodeError } from "./errors";
import { cloneJson, describeType, getPath, hasPath, isValidPath, parsePath, PATH_HELP, removePath, setPath } from "./transform-common";
import { defineNode } from "./types";

const OPERATIONS = ["set", "rename", "remove"] as const;

const changeSchema = z
  .object({
    op: z.enum(OPERATIONS).default("set").meta({ title: "Action", description: "Set: give a field a value. Rename: move a field to a new name. Remove: delete a field." }),
    field: z.string().trim().min(1, "Enter a field").refine(isValidPath, "Use a field name or a dotted path such as customer.email").meta({ title: "Field", description: PATH_HELP }),
    value: z
      .unknown()
      .optional()
      .meta({ title: "Value", description: "For set: fixed text, or {{ expression }} to keep the value's type (number, list, object...).", widget: "text" }),
    to: z.string().trim().optional().meta({ title: "New name", description: "For rename: the field's new name or path." }),
  })
  .superRefine((change, ctx) => {
    if (change.op === "rename") {
      if (!change.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Enter the new name" });
      else if (!isValidPath(change.to)) ctx.addIssue({ code: "custom", path: ["to"], message: "Use a field name or a dotted path such as customer.email" });
    }
  });

export type SetChange = z.output<typeof changeSchema>;

/** Sets, renames and removes fields of its input (or another object) without code. */
export const setTransform = defineNode({
  type: "transform.set",
  kind: "step",
  pure: true,
  category: "transform",
  label: "Edit fields",
  description: "Set, rename or remove fields with a form; the changed data is the output.",
  icon: PenLine,
  config: z.object({
    from: z
      .string()
      .trim()
      .min(1, "Enter what to start from, e.g. input")
      .default("input")
      .meta({ title: "Start from", description: "The data to change (JSONata): input is the previous step's output; {} starts from an empty object.", widget: "jsonata" }),
    changes: z.array(changeSchema).min(1, "Add at least one change").max(100).meta({ title: "Changes", description: "Applied in order, each to the result of the one before." }),
  }),
  defaults: { from: "input", changes: [{ op: "set", field: "status", value: "processed" }] },
  jsonataFields: ["from"],
  async execute({ config, scope }) {
    const start = await evaluate(config.from, scope);
    if (start !== null && typeof start !== "object") {
      throw new NodeError(`"Start from" gave ${describeType(start)}; changes need an object or a list`, { retriable: false });
    }
    const data = (start === null ? {} : cloneJson(start)) as Record<string, unknown> | unknown[];
    for (const change of config.changes) applyChange(data, change);
    return { output: data };
  },
});

/** One change, in place. Renaming or removing a field that is not there does nothing. */
export function applyChange(data: Record<string, unknown> | unknown[], change: SetChange): void {
  const field = parsePath(String(change.field));
  if (!field.length) throw new NodeError("A change has no field", { retriable: false });
  switch (change.op) {
    case "set":
      setPath(data, field, change.value === undefined ? "" : change.value);
      return;
    case "remove":
      removePath(data, field);
      return;
    case "rename": {
      const to = parsePath(String(change.to ?? ""));
      if (!to.length) throw new NodeError(`Renaming "${change.field}" needs a new name`, { retriable: false });
      if (!hasPath(data, field)) return;
      const value = getPath(data, field);
      removePath(data, field);
      setPath(data, to, value);
    }
  }
}
