import { Play } from "lucide-react";
import { z } from "zod";
import { defineNode } from "./types";

export const manualTrigger = defineNode({
  type: "trigger.manual",
  kind: "step",
  category: "trigger",
  label: "Manual trigger",
  description: "Start the workflow by hand with a JSON payload.",
  icon: Play,
  config: z.object({
    samplePayload: z
      .unknown()
      .optional()
      .meta({ title: "Sample payload", description: "Pre-filled in the Run dialog.", widget: "json" }),
  }),
  defaults: { samplePayload: { hello: "world" } },
  async execute({ scope }) {
    return { output: scope.trigger };
  },
});
