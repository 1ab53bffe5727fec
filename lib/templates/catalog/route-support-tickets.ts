import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

const queue = (team: string) => ({
  method: "POST",
  url: `https://helpdesk.example.com/v1/queues/${team}/tickets`,
  body: { subject: "{{ trigger.body.subject }}", from: "{{ trigger.body.email }}", text: "{{ trigger.body.message }}" },
  idempotencyKey: true,
  failOnErrorStatus: true,
  timeoutMs: 15_000,
});
const retry = { retry: { maxAttempts: 3, backoff: "exponential" as const, initialDelayMs: 1000 } };

export const routeSupportTickets: WorkflowTemplate = {
  id: "route-support-tickets",
  name: "Route support requests to the right team",
  description:
    "A Switch reads each request from the contact form and sends it to the billing, engineering or sales queue by its category and wording; anything else goes to the general queue.",
  pattern: "routing",
  needs: "Your contact form calling its webhook URL; your help desk's queue API URLs.",
  tags: ["webhook", "switch", "http"],
  document: {
    version: 1,
    name: "Route support requests to the right team",
    nodes: [
      { id: "request", type: "trigger.webhook", name: "Contact form", position: { x: 80, y: 200 }, config: {} },
      {
        id: "byTopic",
        type: "flow.switch",
        name: "Which team?",
        position: { x: 380, y: 200 },
        config: {
          mode: "first",
          cases: [
            { output: "billing", condition: 'trigger.body.category = "billing" or $contains($lowercase(trigger.body.subject), /invoice|refund|charge/)' },
            { output: "engineering", condition: 'trigger.body.category = "bug" or $contains($lowercase(trigger.body.subject), /error|crash|broken/)' },
            { output: "sales", condition: 'trigger.body.category in ["pricing", "demo"]' },
          ],
        },
      },
      { id: "billingQueue", type: "action.http", name: "Billing queue", position: { x: 680, y: 20 }, config: queue("billing"), settings: retry },
      { id: "engineeringQueue", type: "action.http", name: "Engineering queue", position: { x: 680, y: 140 }, config: queue("engineering"), settings: retry },
      { id: "salesQueue", type: "action.http", name: "Sales queue", position: { x: 680, y: 260 }, config: queue("sales"), settings: retry },
      { id: "generalQueue", type: "action.http", name: "General queue", position: { x: 680, y: 380 }, config: queue("general"), settings: retry },
    ],
    edges: [
      { id: "request-byTopic", source: "request", target: "byTopic" },
      { id: "byTopic-billingQueue", source: "byTopic", sourceHandle: "billing", target: "billingQueue" },
      { id: "byTopic-engineeringQueue", source: "byTopic", sourceHandle: "engineering", target: "engineeringQueue" },
      { id: "byTopic-salesQueue", source: "byTopic", sourceHandle: "sales", target: "salesQueue" },
      { id: "byTopic-generalQueue", source: "byTopic", sourceHandle: "default", target: "generalQueue" },
    ],
    pinData: {
      billingQueue: httpAnswer({ id: "tkt_7001", queue: "billing" }, 201),
      engineeringQueue: httpAnswer({ id: "tkt_7002", queue: "engineering" }, 201),
      salesQueue: httpAnswer({ id: "tkt_7003", queue: "sales" }, 201),
      generalQueue: httpAnswer({ id: "tkt_7004", queue: "general" }, 201),
      request: webhookRequest({ email: "ada@example.com", category: "other", subject: "Refund for a double charge", message: "I was charged twice for March." }),
    },
  },
};
