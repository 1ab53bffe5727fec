import { httpAnswer } from "../samples";
import type { WorkflowTemplate } from "../types";

export const weeklySalesReport: WorkflowTemplate = {
  id: "weekly-sales-report",
  name: "Weekly sales report to chat",
  description:
    "Every Monday at 8:00 (Berlin time), fetch last week's orders page by page, total them per currency and post the figures to the team's channel.",
  pattern: "scheduled-report",
  needs: "Your orders API's URL (and credentials); your chat's incoming-webhook URL.",
  tags: ["schedule", "http", "pagination", "aggregate", "chat"],
  document: {
    version: 1,
    name: "Weekly sales report to chat",
    nodes: [
      { id: "monday", type: "trigger.schedule", name: "Mondays 8:00", position: { x: 80, y: 160 }, config: { mode: "cron", cron: "0 8 * * 1", timezone: "Europe/Berlin", missed: "runOnce" } },
      {
        id: "lastWeek",
        type: "action.http",
        name: "Fetch last week's orders",
        position: { x: 380, y: 160 },
        config: {
          method: "GET",
          url: "https://api.example.com/v1/orders",
          query: { created_after: "{{ $fromMillis($toMillis(trigger.scheduledAt) - 7 * 86400000) }}", created_before: "{{ trigger.scheduledAt }}", limit: "100" },
          pagination: { mode: "next-link", nextPath: "links.next", itemsPath: "data", maxPages: 50 },
          failOnErrorStatus: true,
          timeoutMs: 30_000,
        },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 5000 } },
      },
      {
        id: "totals",
        type: "transform.aggregate",
        name: "Totals per currency",
        position: { x: 680, y: 160 },
        config: {
          items: "input.items",
          groupBy: ["currency"],
          calculations: [
            { op: "count", as: "orders" },
            { op: "sum", field: "total", as: "revenue" },
            { op: "avg", field: "total", as: "average" },
          ],
        },
      },
      {
        id: "report",
        type: "transform.map",
        name: "Write report",
        position: { x: 980, y: 160 },
        config: {
          expression: [
            "{",
            '  "text": ":bar_chart: Last week: " & $join(input.(',
            '    $string(orders) & " orders, " & $formatNumber(revenue, "#,##0.00") & " " & currency & " (avg " & $formatNumber(average, "#,##0.00") & ")"',
            '  ), "; ")',
            "}",
          ].join("\n"),
        },
      },
      {
        id: "postReport",
        type: "action.http",
        name: "Post to #sales",
        position: { x: 1280, y: 160 },
        config: { method: "POST", url: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", body: "{{ steps.report }}", failOnErrorStatus: true, timeoutMs: 10_000 },
      },
    ],
    edges: [
      { id: "monday-lastWeek", source: "monday", target: "lastWeek" },
      { id: "lastWeek-totals", source: "lastWeek", target: "totals" },
      { id: "totals-report", source: "totals", target: "report" },
      { id: "report-postReport", source: "report", target: "postReport" },
    ],
    pinData: {
      postReport: httpAnswer("ok"),
      monday: { scheduledAt: "2025-03-03T07:00:00.000Z", firedAt: "2025-03-03T07:00:00.412Z", timezone: "Europe/Berlin", missed: false },
      lastWeek: {
        ...httpAnswer({ data: [], links: { next: null } }),
        pages: 1,
        items: [
          { id: "ord_1", total: 120.5, currency: "EUR" },
          { id: "ord_2", total: 80, currency: "EUR" },
          { id: "ord_3", total: 42, currency: "USD" },
        ],
      },
    },
  },
};
