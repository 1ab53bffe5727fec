import { Archive } from "lucide-react";
import { z } from "zod";
import { NodeError } from "./errors";
import { defineNode } from "./types";

/**
 * The workspace key-value store, shared by all workflows: keep cursors between runs, remember
 * what was processed (dedup) or count. Output: `{ key, value, found? , deleted? }`.
 */
export const storeAction = defineNode({
  type: "action.store",
  kind: "step",
  category: "action",
  label: "Key-value store",
  description: "Get, set, increment or delete a value kept between runs (cursors, dedup, counters).",
  icon: Archive,
  config: z.object({
    operation: z.enum(["get", "set", "increment", "delete"]).default("get").meta({ title: "Operation" }),
    namespace: z.string().trim().min(1).max(200).default("default").meta({ title: "Namespace", description: "Groups keys, e.g. per workflow or per integration." }),
    key: z.string().trim().min(1, "Enter a key").max(500).meta({ title: "Key" }),
    value: z.unknown().optional().meta({ title: "Value", description: "For set: any JSON value.", widget: "json" }),
    by: z.number().default(1).meta({ title: "Increment by", description: "For increment (negative to decrement)." }),
  }),
  defaults: { operation: "get", namespace: "default", key: "cursor" },
  async execute({ config, services }) {
    const { operation, namespace, key } = config;
    switch (operation) {
      case "get": {
        const { found, value, updatedAt } = await services.store.get(namespace, key);
        return { output: { key, found, value, updatedAt } };
      }
      case "set":
        if (config.value === undefined) throw new NodeError("Set needs a value", { retriable: false });
        return { output: { key, ...(await services.store.set(namespace, key, config.value)) } };
      case "increment":
        try {
          return { output: { key, ...(await services.store.increment(namespace, key, config.by)) } };
        } catch (error) {
          throw new NodeError((error as Error).message, { retriable: false });
        }
      case "delete":
        return { output: { key, ...(await services.store.delete(namespace, key)) } };
    }
  },
});
