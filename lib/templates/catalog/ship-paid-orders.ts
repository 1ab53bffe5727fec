import { httpAnswer, publishedEvent } from "../samples";
import type { WorkflowTemplate } from "../types";

export const shipPaidOrders: WorkflowTemplate = {
  id: "ship-paid-orders",
  name: "Ship paid orders and publish order.shipped",
  description:
    "Subscribe to order.paid, book the shipment (retried, with an idempotency key so a retry never books twice) and publish order.shipped for whoever needs to know next: e-mails, the CRM, analytics.",
  pattern: "pub-sub",
  needs: "An order.paid event (see “Announce successful payments”, or POST /api/events); your shipping API's URL.",
  tags: ["events", "http", "retries"],
  document: {
    version: 1,
    name: "Ship paid orders and publish order.shipped",
    nodes: [
      { id: "orderPaid", type: "trigger.event", name: "On order.paid", position: { x: 80, y: 160 }, config: { events: ["order.paid"] } },
      {
        id: "bookShipment",
        type: "action.http",
        name: "Book shipment",
        position: { x: 380, y: 160 },
        config: {
          method: "POST",
          url: "https://shipping.example.com/v1/shipments",
          body: { orderId: "{{ trigger.data.orderId }}", service: "standard" },
          idempotencyKey: true,
          failOnErrorStatus: true,
          timeoutMs: 15_000,
        },
        settings: { retry: { maxAttempts: 5, backoff: "exponential", initialDelayMs: 2000, jitter: true } },
      },
      {
        id: "publishShipped",
        type: "action.publish-event",
        name: "Publish order.shipped",
        position: { x: 680, y: 160 },
        config: {
          name: "order.shipped",
          data: { orderId: "{{ trigger.data.orderId }}", shipmentId: "{{ steps.bookShipment.body.id }}", trackingNumber: "{{ steps.bookShipment.body.trackingNumber }}" },
        },
      },
    ],
    edges: [
      { id: "orderPaid-bookShipment", source: "orderPaid", target: "bookShipment" },
      { id: "bookShipment-publishShipped", source: "bookShipment", target: "publishShipped" },
    ],
    pinData: {
      orderPaid: publishedEvent("order.paid", { orderId: "ord_10428", paymentId: "pay_3Nf8s2", amount: 3400, currency: "EUR" }),
      bookShipment: httpAnswer({ id: "shp_7781", trackingNumber: "1Z999AA10123456784", status: "booked" }, 201),
    },
  },
};
