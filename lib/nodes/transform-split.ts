import { Split } from "lucide-react";
import { z } from "zod";
import { evaluate } from "@/lib/document/expressions";
import { NodeError } from "./errors";
import { asList } from "./transform-common";
import { defineNode } from "./types";

/** A loop runs at most this many iterations (large loops run in chunk runs, lib/execution/loop-chunks.ts; the list itself must fit a step's 4 MB). */
const MAX_ITERATIONS = 100_000;
/** Items per batch at most (batch mode). */
const MAX_BATCH_SIZE = 1000;

/**
 * Starts a loop: evaluates a list and outputs its iterations (each item, or batches of N items).
 * The nodes after it run once per iteration, each as its own step, with the iteration as their
 * input, until a Merge node collects the results (lib/execution/run-workflow.ts); a loop too large
 * for one run's steps runs its iterations in chunk runs (lib/execution/loop-chunks.ts).
 */
export const splitTransform = defineNode({
  type: "transform.split",
  kind: "step",
  pure: true,
  category: "transform",
  label: "Split into items",
  description: "Loop over a list: the nodes after it run once per item (or per batch of N items) until a Merge collects the results.",
  icon: Split,
  loop: "splits",
  config: z.object({
    items: z
      .string()
      .trim()
      .min(1, "Enter the list to loop over, e.g. input")
      .default("input")
      .meta({ title: "Items", description: "The list to loop over (JSONata), e.g. input or input.body.orders.", widget: "jsonata" }),
    mode: z
      .enum(["item", "batch"])
      .default("item")
      .meta({ title: "Run the next nodes", description: "item: once per item; batch: once per batch of items (a list)." }),
    batchSize: z
      .number()
      .int("Use a whole number")
      .min(1, "A batch has at least 1 item")
      .max(MAX_BATCH_SIZE)
      .default(10)
      .meta({ title: "Batch size", description: "Items per batch (batch mode); the last batch may be smaller." }),
  }),
  defaults: { items: "input", mode: "item", batchSize: 10 },
  jsonataFields: ["items"],
  async execute({ config, scope }) {
    const items = asList(await evaluate(config.items, scope));
    const iterations = config.mode === "item" ? items : chunk(items, config.batchSize);
    if (iterations.length > MAX_ITERATIONS) {
      throw new NodeError(`The list gives ${iterations.length} iterations; a loop runs at most ${MAX_ITERATIONS.toLocaleString("en")} (use batches, or page through the source with Batch sync)`, { retriable: false });
    }
    return { output: iterations };
  },
});

function chunk<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
