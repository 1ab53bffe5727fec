import { Inbox } from "lucide-react";
import { z } from "zod";
import { connectionField } from "./outbound-fields";
import { defineNode } from "./types";

/**
 * Starts a run for every message of a RabbitMQ queue, a NATS JetStream consumer or a Redis
 * stream consumer group (while the workflow is active). A message is acknowledged only once its
 * run is stored; its id is the run's idempotency key, so a redelivered message starts no second
 * run. Output: `{ body, headers, messageId, source, redelivered }` (body parsed when JSON).
 */
export const queueTrigger = defineNode({
  type: "trigger.queue",
  kind: "step",
  category: "trigger",
  label: "Queue message",
  description: "Start the workflow for each message from RabbitMQ, NATS JetStream or a Redis stream.",
  icon: Inbox,
  config: z.object({
    connectionId: connectionField(["amqp", "nats", "redis"]),
    source: z
      .string()
      .trim()
      .min(1, "Enter a queue, stream or subject")
      .meta({ title: "Queue or stream", description: "RabbitMQ: the queue; NATS: the JetStream stream; Redis: the stream key." }),
    subject: z.string().trim().optional().meta({ title: "Subject filter (NATS)", description: "Only messages of this subject, e.g. orders.>" }),
    group: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]*$/, "Letters, digits, _ and -")
      .optional()
      .meta({ title: "Consumer / group name", description: "NATS durable consumer or Redis consumer group; default “switchboard-<workflow id>”." }),
    prefetch: z.number().int().min(1).max(1000).default(10).meta({ title: "Messages in flight", description: "How many messages are taken at once." }),
  }),
  defaults: { connectionId: "", source: "orders", prefetch: 10 },
  async execute({ scope }) {
    return { output: scope.trigger };
  },
});
