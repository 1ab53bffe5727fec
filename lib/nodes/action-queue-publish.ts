import { Send } from "lucide-react";
import { z } from "zod";
import { circuitFallbackField, connectionField } from "./outbound-fields";
import { defineNode } from "./types";

/**
 * Publishes a message to RabbitMQ (a queue, or an exchange with a routing key), a NATS JetStream
 * subject or a Redis stream, depending on the connection. Output: `{ messageId, ... }` with the
 * stream sequence (NATS) or entry id (Redis).
 */
export const queuePublishAction = defineNode({
  type: "action.queue-publish",
  kind: "step",
  category: "action",
  label: "Publish message",
  description: "Publish to a RabbitMQ queue or exchange, a NATS JetStream subject or a Redis stream.",
  icon: Send,
  config: z.object({
    connectionId: connectionField(["amqp", "nats", "redis"]),
    destination: z
      .string()
      .trim()
      .min(1, "Enter a queue, subject or stream")
      .meta({ title: "Queue, subject or stream", description: "RabbitMQ: the queue (or the routing key with an exchange); NATS: the subject; Redis: the stream key." }),
    exchange: z.string().trim().optional().meta({ title: "Exchange (RabbitMQ)", description: "Publish to this exchange with the destination as routing key." }),
    message: z.unknown().meta({ title: "Message", description: "JSON (sent as application/json) or text.", widget: "json" }),
    headers: z.record(z.string(), z.string()).optional().meta({ title: "Headers", widget: "keyvalue" }),
    messageId: z
      .string()
      .trim()
      .optional()
      .meta({ title: "Message id", description: "Consumers use it to drop duplicates. Empty: derived from the run and node, the same on every retry." }),
    circuitFallback: circuitFallbackField,
  }),
  defaults: { connectionId: "", destination: "orders", message: { orderId: "{{ trigger.body.id }}" } },
  async execute({ config, services, signal, scope, nodeId }) {
    const result = await services.publishMessage({
      connectionId: config.connectionId,
      destination: config.destination,
      exchange: config.exchange || undefined,
      message: config.message ?? null,
      headers: config.headers,
      messageId: config.messageId || `${scope.run.id}:${nodeId}`,
      signal,
    });
    return { output: { destination: config.destination, ...result } };
  },
});
