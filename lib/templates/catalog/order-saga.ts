import { httpAnswer } from "../samples";
import type { WorkflowTemplate } from "../types";

const http = (method: string, url: string, body?: unknown) => ({ method, url, ...(body === undefined ? {} : { body }), idempotencyKey: true, failOnErrorStatus: true, timeoutMs: 10_000 });

export const orderSaga: WorkflowTemplate = {
  id: "order-saga",
  name: "Order saga: reserve, charge, ship; undo on failure",
  description:
    "Reserve stock, charge the payment and book the shipment. If a later step fails, the completed ones are undone in reverse order: the payment is refunded, then the stock released.",
  pattern: "saga",
  needs: "Your inventory, payment and shipping API URLs. Runs by hand with a sample order.",
  tags: ["manual", "http", "saga", "compensation"],
  document: {
    version: 1,
    name: "Order saga: reserve, charge, ship; undo on failure",
    nodes: [
      {
        id: "order",
        type: "trigger.manual",
        name: "Order",
        position: { x: 80, y: 160 },
        config: { samplePayload: { orderId: "ord_10428", sku: "MUG-01", quantity: 2, amount: 3400, currency: "EUR" } },
      },
      {
        id: "reserveStock",
        type: "action.http",
        name: "Reserve stock",
        position: { x: 380, y: 160 },
        config: http("POST", "https://inventory.example.com/reservations", { orderId: "{{ trigger.orderId }}", sku: "{{ trigger.sku }}", quantity: "{{ trigger.quantity }}" }),
        settings: { compensation: "releaseStock" },
      },
      {
        id: "chargePayment",
        type: "action.http",
        name: "Charge payment",
        position: { x: 680, y: 160 },
        config: http("POST", "https://payments.example.com/charges", { orderId: "{{ trigger.orderId }}", amount: "{{ trigger.amount }}", currency: "{{ trigger.currency }}" }),
        settings: { compensation: "refundPayment" },
      },
      {
        id: "shipOrder",
        type: "action.http",
        name: "Book shipment",
        position: { x: 980, y: 160 },
        config: http("POST", "https://shipping.example.com/shipments", { orderId: "{{ trigger.orderId }}", reservation: "{{ steps.reserveStock.body.id }}" }),
      },
      {
        id: "releaseStock",
        type: "action.http",
        name: "Release stock (undo)",
        position: { x: 380, y: 360 },
        config: http("DELETE", "https://inventory.example.com/reservations/{{ input.body.id }}"),
      },
      {
        id: "refundPayment",
        type: "action.http",
        name: "Refund payment (undo)",
        position: { x: 680, y: 360 },
        config: http("POST", "https://payments.example.com/refunds", { charge: "{{ input.body.id }}", orderId: "{{ trigger.orderId }}" }),
      },
    ],
    edges: [
      { id: "order-reserveStock", source: "order", target: "reserveStock" },
      { id: "reserveStock-chargePayment", source: "reserveStock", target: "chargePayment" },
      { id: "chargePayment-shipOrder", source: "chargePayment", target: "shipOrder" },
    ],
    pinData: {
      reserveStock: httpAnswer({ id: "res_5120", sku: "MUG-01", quantity: 2 }, 201),
      chargePayment: httpAnswer({ id: "ch_3Nf8s2", amount: 3400, currency: "EUR", status: "succeeded" }, 201),
      shipOrder: httpAnswer({ id: "shp_7781", trackingNumber: "1Z999AA10123456784" }, 201),
      releaseStock: httpAnswer({ id: "res_5120", released: true }),
      refundPayment: httpAnswer({ id: "re_1Q2w3e", charge: "ch_3Nf8s2", status: "succeeded" }, 201),
    },
  },
};
