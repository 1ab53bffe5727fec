import { Radio } from "lucide-react";
import { z } from "zod";
import { EVENT_PATTERN } from "@/lib/triggers/event-pattern";
import { defineNode } from "./types";

export const eventTriggerConfigSchema = z.object({
  events: z
    .array(
      z
        .string()
        .trim()
        .min(1, "Name the event")
        .regex(EVENT_PATTERN, "Event names have no spaces")
        .regex(/^[^{}]*$/, "No expressions here")
        .meta({ title: "Event name" }),
    )
    .min(1, "Subscribe to at least one event")
    .meta({ title: "Events", description: "Names or patterns; * matches anything, e.g. order.* matches order.paid." }),
});

/** Output: the event `{ id, name, occurredAt, source, data }`. */
export const eventTrigger = defineNode({
  type: "trigger.event",
  kind: "step",
  category: "trigger",
  label: "Event",
  description: "Start the workflow when a matching event is published.",
  icon: Radio,
  config: eventTriggerConfigSchema,
  defaults: { events: ["order.*"] },
  async execute({ scope }) {
    return { output: scope.trigger };
  },
});
