import { Merge } from "lucide-react";
import { z } from "zod";
import { defineNode } from "./types";

/**
 * An explicit join: waits for its parents on the taken path (as every node does) and combines
 * their outputs, keyed by node id or concatenated into one list (arrays are flattened one level).
 * After a loop (transform.split) it is the join: a parent inside the loop gives the list of its
 * outputs, one per iteration that reached it.
 */
export const mergeFlow = defineNode({
  type: "flow.merge",
  kind: "step",
  pure: true,
  category: "flow",
  label: "Merge",
  description: "Wait for parallel branches and combine their outputs.",
  icon: Merge,
  loop: "joins",
  config: z.object({
    mode: z
      .enum(["object", "concat"])
      .default("object")
      .meta({ title: "Combine as", description: "object: { <node id>: output }; concat: one list of every output." }),
  }),
  defaults: { mode: "object" },
  async execute({ config, parents }) {
    if (config.mode === "object") return { output: parents };
    return { output: Object.values(parents).flatMap((value): unknown[] => (Array.isArray(value) ? value : [value])) };
  },
});
