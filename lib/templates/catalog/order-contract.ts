import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

const ORDER_SCHEMA = {
  type: "object",
  required: ["orderId", "customer", "lines", "currency"],
  properties: {
    orderId: { type: "string", pattern: "^ord_[A-Za-z0-9]+$" },
    currency: { type: "string", enum: ["EUR", "USD", "GBP"] },
    customer: { type: "object", required: ["email"], properties: { email: { type: "string", format: "email" } } },
    lines: {
      type: "array",
      minItems: 1,
      items: { type: "object", required: ["sku", "quantity"], properties: { sku: { type: "string", minLength: 1 }, quantity: { type: "integer", minimum: 1 } } },
    },
  },
};

export const orderContract: WorkflowTemplate = {
  id: "order-contract",
  name: "Enforce the order contract before the ERP",
  description:
    "Check every order from the shop against the agreed JSON Schema. Orders that conform go on to the ERP; the rest stop at the boundary and are reported to the data-quality channel with each violation.",
  pattern: "validation",
  needs: "Your shop calling its webhook URL; your ERP's order API URL and your chat's incoming-webhook URL.",
  tags: ["webhook", "validate", "schema", "http"],
  document: {
    version: 1,
    name: "Enforce the order contract before the ERP",
    nodes: [
      { id: "order", type: "trigger.webhook", name: "Order from shop", position: { x: 80, y: 160 }, config: {} },
      { id: "contract", type: "transform.validate", name: "Check the contract", position: { x: 380, y: 160 }, config: { data: "trigger.body", schema: ORDER_SCHEMA } },
      {
        id: "toErp",
        type: "action.http",
        name: "Send to ERP",
        position: { x: 680, y: 60 },
        config: { method: "POST", url: "https://erp.example.com/api/orders", body: "{{ input }}", idempotencyKey: true, failOnErrorStatus: true, timeoutMs: 30_000 },
        settings: { retry: { maxAttempts: 4, backoff: "exponential", initialDelayMs: 2000 } },
      },
      {
        id: "report",
        type: "transform.map",
        name: "Describe violations",
        position: { x: 680, y: 260 },
        config: { expression: '{ "text": ":no_entry: Order " & ($exists(trigger.body.orderId) ? trigger.body.orderId : "(no id)") & " broke the contract: " & $join(input.errors.((path ? path : "(order)") & " " & message), "; ") }' },
      },
      {
        id: "postReport",
        type: "action.http",
        name: "Post to #data-quality",
        position: { x: 980, y: 260 },
        config: { method: "POST", url: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", body: "{{ steps.report }}", failOnErrorStatus: true, timeoutMs: 10_000 },
      },
    ],
    edges: [
      { id: "order-contract", source: "order", target: "contract" },
      { id: "contract-toErp", source: "contract", sourceHandle: "valid", target: "toErp" },
      { id: "contract-report", source: "contract", sourceHandle: "invalid", target: "report" },
      { id: "report-postReport", source: "report", target: "postReport" },
    ],
    pinData: {
      toErp: httpAnswer({ id: "so_55102", status: "received" }, 201),
      postReport: httpAnswer("ok"),
      order: webhookRequest({ orderId: "ord_10428", currency: "EUR", customer: { email: "not-an-email" }, lines: [{ sku: "MUG-01", quantity: 0 }] }),
    },
  },
};
