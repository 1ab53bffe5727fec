import { httpAnswer } from "../samples";
import type { WorkflowTemplate } from "../types";

export const checkOrderWithRetries: WorkflowTemplate = {
  id: "check-order-with-retries",
  name: "Check an order, retrying a flaky API",
  description: "Look up an order in an API that sometimes fails, retrying with exponential backoff, then branch on whether it has been paid.",
  pattern: "retry",
  needs: "Your order API's URL (and credentials). Runs by hand with a sample order.",
  tags: ["manual", "http", "retries", "branch"],
  document: {
    version: 1,
    name: "Check an order, retrying a flaky API",
    nodes: [
      {
        id: "start",
        type: "trigger.manual",
        name: "Order to check",
        position: { x: 80, y: 160 },
        config: { samplePayload: { orderId: "ord_10428", customerEmail: "ada@example.com" } },
      },
      {
        id: "fetchOrder",
        type: "action.http",
        name: "Fetch order",
        position: { x: 380, y: 160 },
        config: {
          method: "GET",
          url: "https://api.example.com/v1/orders/{{ trigger.orderId }}",
          headers: { Accept: "application/json" },
          failOnErrorStatus: true,
          timeoutMs: 10_000,
        },
        settings: { retry: { maxAttempts: 5, backoff: "exponential", initialDelayMs: 1000 } },
      },
      {
        id: "isPaid",
        type: "flow.if",
        name: "Paid?",
        position: { x: 680, y: 160 },
        config: { condition: 'input.status = 200 and input.body.status = "paid"' },
      },
      {
        id: "confirmation",
        type: "transform.map",
        name: "Build confirmation",
        position: { x: 980, y: 60 },
        config: {
          expression: [
            "{",
            '  "orderId": trigger.orderId,',
            '  "to": trigger.customerEmail,',
            '  "subject": "Your order " & trigger.orderId & " is confirmed",',
            '  "total": steps.fetchOrder.body.total',
            "}",
          ].join("\n"),
        },
      },
      {
        id: "reminder",
        type: "transform.map",
        name: "Build payment reminder",
        position: { x: 980, y: 260 },
        config: {
          expression: [
            "{",
            '  "orderId": trigger.orderId,',
            '  "to": trigger.customerEmail,',
            '  "subject": "Complete the payment for order " & trigger.orderId,',
            '  "orderStatus": steps.fetchOrder.body.status',
            "}",
          ].join("\n"),
        },
      },
    ],
    edges: [
      { id: "start-fetchOrder", source: "start", target: "fetchOrder" },
      { id: "fetchOrder-isPaid", source: "fetchOrder", target: "isPaid" },
      { id: "isPaid-confirmation", source: "isPaid", sourceHandle: "true", target: "confirmation" },
      { id: "isPaid-reminder", source: "isPaid", sourceHandle: "false", target: "reminder" },
    ],
    pinData: {
      fetchOrder: httpAnswer({ id: "ord_10428", status: "paid", total: 34, currency: "EUR" }),
    },
  },
};
