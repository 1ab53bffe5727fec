import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

export const ordersToErpXml: WorkflowTemplate = {
  id: "orders-to-erp-xml",
  name: "Send shop orders to a legacy ERP as XML",
  description:
    "Reshape each JSON order from the shop into the ERP's XML layout (attributes with @, repeated <Line> elements), write it as XML text and POST it with the XML content type.",
  pattern: "format-transform",
  needs: "Your shop calling its webhook URL; your ERP's XML import URL.",
  tags: ["webhook", "xml", "transform", "http"],
  document: {
    version: 1,
    name: "Send shop orders to a legacy ERP as XML",
    nodes: [
      { id: "order", type: "trigger.webhook", name: "Order from shop", position: { x: 80, y: 160 }, config: {} },
      {
        id: "erpShape",
        type: "transform.map",
        name: "ERP layout",
        position: { x: 380, y: 160 },
        config: {
          expression: [
            "{",
            '  "SalesOrder": {',
            '    "@number": trigger.body.id,',
            '    "@date": $substring(trigger.body.created_at, 0, 10),',
            '    "Customer": { "@email": trigger.body.customer.email, "Name": trigger.body.customer.name },',
            '    "Lines": { "Line": [trigger.body.line_items.{ "@sku": sku, "@qty": quantity, "Price": price }] }',
            "  }",
            "}",
          ].join("\n"),
        },
      },
      { id: "toXml", type: "transform.xml", name: "Write XML", position: { x: 680, y: 160 }, config: { direction: "json-to-xml", data: "input", attributePrefix: "@", rootName: "SalesOrder", pretty: true, declaration: true } },
      {
        id: "postToErp",
        type: "action.http",
        name: "POST to ERP",
        position: { x: 980, y: 160 },
        config: {
          method: "POST",
          url: "https://erp.example.com/import/sales-orders",
          bodyType: "raw",
          contentType: "application/xml",
          body: "{{ input }}",
          responseType: "text",
          idempotencyKey: true,
          failOnErrorStatus: true,
          timeoutMs: 30_000,
        },
        settings: { retry: { maxAttempts: 4, backoff: "exponential", initialDelayMs: 2000 } },
      },
    ],
    edges: [
      { id: "order-erpShape", source: "order", target: "erpShape" },
      { id: "erpShape-toXml", source: "erpShape", target: "toXml" },
      { id: "toXml-postToErp", source: "toXml", target: "postToErp" },
    ],
    pinData: {
      postToErp: httpAnswer({ batch: "imp_20250303_01", accepted: 2 }, 202),
      order: webhookRequest({
        id: "10428",
        created_at: "2025-03-03T09:30:00Z",
        customer: { email: "ada@example.com", name: "Ada Lovelace" },
        line_items: [
          { sku: "MUG-01", quantity: 2, price: 12.5 },
          { sku: "TEE-M-BLK", quantity: 1, price: 19 },
        ],
      }),
    },
  },
};
