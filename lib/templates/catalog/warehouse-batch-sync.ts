import { httpAnswer } from "../samples";
import type { WorkflowTemplate } from "../types";

export const warehouseBatchSync: WorkflowTemplate = {
  id: "warehouse-batch-sync",
  name: "Sync changed orders into the warehouse every hour",
  description:
    "Every hour, read the orders changed since the last sync page by page (?updated_since=<cursor>), reshape each into a row and upsert it into analytics.orders. The cursor is saved after each committed page, so a crash resumes where it stopped, without gaps or duplicates.",
  pattern: "batch-sync",
  needs: "A PostgreSQL or MySQL connection for the warehouse (an orders table keyed by id); your orders API's URL.",
  tags: ["schedule", "batch", "database", "cursor"],
  document: {
    version: 1,
    name: "Sync changed orders into the warehouse every hour",
    nodes: [
      { id: "hourly", type: "trigger.schedule", name: "Every hour at :15", position: { x: 80, y: 160 }, config: { mode: "cron", cron: "15 * * * *", timezone: "UTC", missed: "runOnce" } },
      {
        id: "syncOrders",
        type: "action.batch-sync",
        name: "Upsert changed orders",
        position: { x: 380, y: 160 },
        config: {
          source: "http",
          url: "https://api.example.com/v1/orders",
          sinceParam: "updated_since",
          limitParam: "limit",
          itemsPath: "data",
          cursorField: "updated_at",
          mapping: [
            "{",
            '  "id": input.id,',
            '  "customer_email": $lowercase(input.customer.email),',
            '  "total": input.amount / 100,',
            '  "currency": $uppercase(input.currency),',
            '  "status": input.status,',
            '  "updated_at": input.updated_at',
            "}",
          ].join("\n"),
          destinationConnectionId: "choose-your-warehouse-connection",
          table: "analytics.orders",
          keyColumns: "id",
          pageSize: 500,
          maxBatches: 200,
          timeoutMs: 30_000,
        },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 5000 } },
      },
      {
        id: "caughtUp",
        type: "flow.if",
        name: "Caught up?",
        position: { x: 680, y: 160 },
        config: { condition: "input.done" },
      },
      {
        id: "backlogAlert",
        type: "action.http",
        name: "Warn: backlog left",
        position: { x: 980, y: 260 },
        config: {
          method: "POST",
          url: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
          body: { text: "Order sync copied {{ steps.syncOrders.rows }} rows and stopped at its batch limit; the next run continues from {{ steps.syncOrders.cursor }}." },
          failOnErrorStatus: true,
          timeoutMs: 10_000,
        },
      },
    ],
    edges: [
      { id: "hourly-syncOrders", source: "hourly", target: "syncOrders" },
      { id: "syncOrders-caughtUp", source: "syncOrders", target: "caughtUp" },
      { id: "caughtUp-backlogAlert", source: "caughtUp", sourceHandle: "false", target: "backlogAlert" },
    ],
    pinData: {
      hourly: { scheduledAt: "2025-03-03T09:15:00.000Z", firedAt: "2025-03-03T09:15:00.318Z", timezone: "UTC", missed: false },
      backlogAlert: httpAnswer("ok"),
      syncOrders: { rows: 1250, batches: 3, cursor: "2025-03-03T09:12:44Z", done: true, cursorKey: "wf_example:syncOrders" },
    },
  },
};
