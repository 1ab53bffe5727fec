import { webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

export const announcePayments: WorkflowTemplate = {
  id: "announce-payments",
  name: "Announce successful payments as order.paid events",
  description:
    "Turn your payment provider's webhook into an order.paid event. Shipping, invoicing or any other workflow subscribes to it, so adding a consumer never touches this one. The payment id is the event id, so a repeated call publishes once.",
  pattern: "pub-sub",
  needs: "Your payment provider calling its webhook URL; workflows subscribed to order.paid.",
  tags: ["webhook", "events", "branch"],
  document: {
    version: 1,
    name: "Announce successful payments as order.paid events",
    nodes: [
      { id: "paymentReceived", type: "trigger.webhook", name: "Payment webhook", position: { x: 80, y: 160 }, config: {} },
      { id: "succeeded", type: "flow.if", name: "Succeeded?", position: { x: 380, y: 160 }, config: { condition: 'trigger.body.status = "succeeded"' } },
      {
        id: "publishPaid",
        type: "action.publish-event",
        name: "Publish order.paid",
        position: { x: 680, y: 60 },
        config: {
          name: "order.paid",
          id: "{{ trigger.body.id }}",
          data: { orderId: "{{ trigger.body.metadata.orderId }}", paymentId: "{{ trigger.body.id }}", amount: "{{ trigger.body.amount }}", currency: "{{ trigger.body.currency }}" },
        },
      },
    ],
    edges: [
      { id: "paymentReceived-succeeded", source: "paymentReceived", target: "succeeded" },
      { id: "succeeded-publishPaid", source: "succeeded", sourceHandle: "true", target: "publishPaid" },
    ],
    pinData: {
      paymentReceived: webhookRequest({ id: "pay_3Nf8s2", status: "succeeded", amount: 3400, currency: "EUR", metadata: { orderId: "ord_10428" } }),
    },
  },
};
