import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

export const largeOrderAlert: WorkflowTemplate = {
  id: "large-order-alert",
  name: "Alert on orders over $1,000",
  description: "Check every new order from your shop's webhook and alert the team in chat when its total is above a threshold.",
  pattern: "routing",
  needs: "Your shop calling its webhook URL; your chat's incoming-webhook URL.",
  tags: ["webhook", "branch", "transform", "chat"],
  document: {
    version: 1,
    name: "Alert on orders over $1,000",
    nodes: [
      { id: "orderCreated", type: "trigger.webhook", name: "Order created", position: { x: 80, y: 160 }, config: {} },
      {
        id: "isLarge",
        type: "flow.if",
        name: "Total over $1,000?",
        position: { x: 380, y: 160 },
        config: { condition: "$number(trigger.body.total) > 1000" },
      },
      {
        id: "alertMessage",
        type: "transform.map",
        name: "Write alert",
        position: { x: 680, y: 60 },
        config: {
          expression: [
            "{",
            '  "text": ":moneybag: Large order " & trigger.body.id & " from " & trigger.body.customer.name',
            '    & ": " & $formatNumber($number(trigger.body.total), "#,##0.00") & " " & trigger.body.currency',
            "}",
          ].join("\n"),
        },
      },
      {
        id: "postAlert",
        type: "action.http",
        name: "Post to #orders",
        position: { x: 980, y: 60 },
        config: {
          method: "POST",
          url: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
          body: "{{ steps.alertMessage }}",
          failOnErrorStatus: true,
          timeoutMs: 10_000,
        },
      },
    ],
    edges: [
      { id: "orderCreated-isLarge", source: "orderCreated", target: "isLarge" },
      { id: "isLarge-alertMessage", source: "isLarge", sourceHandle: "true", target: "alertMessage" },
      { id: "alertMessage-postAlert", source: "alertMessage", target: "postAlert" },
    ],
    pinData: {
      orderCreated: webhookRequest({ id: "ord_10431", total: "2450.00", currency: "EUR", customer: { name: "Hopper Systems" } }),
      postAlert: httpAnswer("ok"),
    },
  },
};
