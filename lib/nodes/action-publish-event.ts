import { Send } from "lucide-react";
import { z } from "zod";
import { NodeError } from "./errors";
import { defineNode } from "./types";

/**
 * Publishes an event `{ id, name, occurredAt, source, data }`: it starts every active workflow
 * subscribed to it (except this one) and resumes runs waiting for it. The id defaults to one
 * derived from the run and node, so a retried step never publishes twice.
 */
export const publishEventAction = defineNode({
  type: "action.publish-event",
  kind: "step",
  category: "action",
  label: "Publish event",
  description: "Publish an event that starts subscribed workflows and resumes waiting runs.",
  icon: Send,
  config: z.object({
    name: z
      .string()
      .trim()
      .min(1, "Name the event")
      .refine((n) => n.includes("{{") || /^[^\s]+$/.test(n), "Event names have no spaces")
      .meta({ title: "Event name", description: 'For example "order.shipped".' }),
    data: z.unknown().optional().meta({ title: "Data", description: "A JSON object; may hold {{ expressions }}.", widget: "json" }),
    id: z.string().trim().optional().meta({ title: "Event id", description: "Deduplicates; defaults to one derived from this run and node." }),
  }),
  defaults: { name: "order.shipped", data: { orderId: "{{ trigger.body.orderId }}" } },
  async execute({ config, scope, nodeId, services }) {
    const data = config.data === undefined || config.data === null ? {} : config.data;
    if (typeof data !== "object" || Array.isArray(data)) throw new NodeError("Data must be a JSON object", { retriable: false });
    const id = config.id || `${scope.run.id}:${nodeId}`;
    const result = await services.publishEvent({ id, name: config.name, data: data as Record<string, unknown>, source: `workflow:${scope.run.workflowId}` });
    return { output: result };
  },
});
