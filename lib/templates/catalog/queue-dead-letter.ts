import { httpAnswer } from "../samples";
import type { WorkflowTemplate } from "../types";

const QUEUE_CONNECTION = "choose-your-queue-connection";

export const queueDeadLetter: WorkflowTemplate = {
  id: "queue-dead-letter",
  name: "Fulfil orders from a queue, dead-lettering failures",
  description:
    "One run per message of the orders queue (a redelivered message starts no second run). Fulfilment is retried with backoff; a message that still fails goes to orders.dead-letter with its error, and the team is told, instead of blocking the queue.",
  pattern: "queue-consumer",
  needs: "A RabbitMQ, NATS or Redis connection (for the queue and the dead-letter queue); your fulfilment API's URL.",
  tags: ["queue", "retries", "dead-letter", "http"],
  document: {
    version: 1,
    name: "Fulfil orders from a queue, dead-lettering failures",
    nodes: [
      { id: "orderMessage", type: "trigger.queue", name: "orders queue", position: { x: 80, y: 160 }, config: { connectionId: QUEUE_CONNECTION, source: "orders", prefetch: 10 } },
      {
        id: "fulfil",
        type: "action.http",
        name: "Fulfil order",
        position: { x: 380, y: 160 },
        config: { method: "POST", url: "https://fulfilment.example.com/v1/orders", body: "{{ trigger.body }}", idempotencyKey: true, failOnErrorStatus: true, timeoutMs: 20_000 },
        settings: { retry: { maxAttempts: 5, backoff: "exponential", initialDelayMs: 2000, jitter: true }, onError: "branch" },
      },
      {
        id: "deadLetter",
        type: "action.queue-publish",
        name: "Publish to orders.dead-letter",
        position: { x: 680, y: 300 },
        config: {
          connectionId: QUEUE_CONNECTION,
          destination: "orders.dead-letter",
          message: { original: "{{ trigger.body }}", originalMessageId: "{{ trigger.messageId }}", error: "{{ input.error }}", failedAt: "{{ $now() }}" },
          headers: { "x-dead-letter-reason": "fulfilment-failed" },
        },
      },
      {
        id: "tellTeam",
        type: "action.http",
        name: "Tell #ops",
        position: { x: 980, y: 300 },
        config: {
          method: "POST",
          url: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
          body: { text: ":warning: Order message {{ trigger.messageId }} was dead-lettered: {{ steps.fulfil.error.message }}" },
          failOnErrorStatus: true,
          timeoutMs: 10_000,
        },
      },
    ],
    edges: [
      { id: "orderMessage-fulfil", source: "orderMessage", target: "fulfil" },
      { id: "fulfil-deadLetter", source: "fulfil", sourceHandle: "error", target: "deadLetter" },
      { id: "deadLetter-tellTeam", source: "deadLetter", target: "tellTeam" },
    ],
    pinData: {
      fulfil: httpAnswer({ id: "ful_3307", status: "accepted" }, 201),
      deadLetter: { messageId: "msg_dl_0001" },
      tellTeam: httpAnswer("ok"),
      orderMessage: { body: { orderId: "ord_10428", sku: "MUG-01", quantity: 2 }, headers: {}, messageId: "msg_7f3a", source: "orders", redelivered: false },
    },
  },
};
