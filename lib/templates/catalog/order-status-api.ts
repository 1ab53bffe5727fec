import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

const noStore = { "Cache-Control": "no-store" };

export const orderStatusApi: WorkflowTemplate = {
  id: "order-status-api",
  name: "Order status API for customers",
  description:
    "A GET endpoint in front of your internal order service: the webhook waits for the run's answer, the query is checked against a schema, and the caller gets only the public fields, a 404 or a 400, within the same request.",
  pattern: "api-gateway",
  needs: "Your internal order API's URL; callers use the webhook URL with ?orderId=….",
  tags: ["webhook", "respond", "validate", "http"],
  document: {
    version: 1,
    name: "Order status API for customers",
    nodes: [
      {
        id: "request",
        type: "trigger.webhook",
        name: "GET /order-status",
        position: { x: 80, y: 160 },
        config: { methods: ["GET"], response: { mode: "respond", timeoutMs: 5000 }, rateLimitPerMinute: 120 },
      },
      {
        id: "checkQuery",
        type: "transform.validate",
        name: "Check the query",
        position: { x: 380, y: 160 },
        config: {
          data: "trigger.query",
          schema: { type: "object", required: ["orderId"], properties: { orderId: { type: "string", pattern: "^ord_[A-Za-z0-9]{3,32}$" } } },
        },
      },
      {
        id: "fetchOrder",
        type: "action.http",
        name: "Fetch from order service",
        position: { x: 680, y: 60 },
        config: { method: "GET", url: "https://orders.internal.example.com/v1/orders/{{ trigger.query.orderId }}", failOnErrorStatus: false, timeoutMs: 3000 },
      },
      {
        id: "badRequest",
        type: "action.respond",
        name: "Answer 400",
        position: { x: 680, y: 300 },
        config: { status: 400, headers: noStore, body: { error: "Give an orderId such as ord_10428", details: "{{ input.errors }}" } },
      },
      { id: "found", type: "flow.if", name: "Found?", position: { x: 980, y: 60 }, config: { condition: "input.status = 200" } },
      {
        id: "answer",
        type: "action.respond",
        name: "Answer 200",
        position: { x: 1280, y: -40 },
        config: {
          status: 200,
          headers: noStore,
          body: { orderId: "{{ steps.fetchOrder.body.id }}", status: "{{ steps.fetchOrder.body.status }}", updatedAt: "{{ steps.fetchOrder.body.updated_at }}" },
        },
      },
      { id: "notFound", type: "action.respond", name: "Answer 404", position: { x: 1280, y: 160 }, config: { status: 404, headers: noStore, body: { error: "No such order" } } },
    ],
    edges: [
      { id: "request-checkQuery", source: "request", target: "checkQuery" },
      { id: "checkQuery-fetchOrder", source: "checkQuery", sourceHandle: "valid", target: "fetchOrder" },
      { id: "checkQuery-badRequest", source: "checkQuery", sourceHandle: "invalid", target: "badRequest" },
      { id: "fetchOrder-found", source: "fetchOrder", target: "found" },
      { id: "found-answer", source: "found", sourceHandle: "true", target: "answer" },
      { id: "found-notFound", source: "found", sourceHandle: "false", target: "notFound" },
    ],
    pinData: {
      request: webhookRequest(null, {}, "GET", { orderId: "ord_10428" }),
      fetchOrder: httpAnswer({ id: "ord_10428", status: "shipped", updated_at: "2025-03-03T09:30:00Z", internalNotes: "not for customers" }),
    },
  },
};
