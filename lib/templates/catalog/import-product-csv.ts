import { httpAnswer } from "../samples";
import type { WorkflowTemplate } from "../types";

export const importProductCsv: WorkflowTemplate = {
  id: "import-product-csv",
  name: "Import a supplier's CSV price list",
  description:
    "Every night, download the supplier's semicolon-separated CSV export, turn its rows into JSON (numbers and booleans converted), keep the active products with a price and send them to your catalogue's bulk API.",
  pattern: "format-transform",
  needs: "The supplier's CSV export URL; your catalogue's bulk API URL.",
  tags: ["schedule", "csv", "filter", "http"],
  document: {
    version: 1,
    name: "Import a supplier's CSV price list",
    nodes: [
      { id: "nightly", type: "trigger.schedule", name: "Nightly 2:30", position: { x: 80, y: 160 }, config: { mode: "cron", cron: "30 2 * * *", timezone: "UTC", missed: "runOnce" } },
      {
        id: "download",
        type: "action.http",
        name: "Download CSV",
        position: { x: 380, y: 160 },
        config: { method: "GET", url: "https://supplier.example.com/exports/prices.csv", responseType: "text", failOnErrorStatus: true, timeoutMs: 60_000 },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 10_000 } },
      },
      { id: "rows", type: "transform.csv", name: "CSV to rows", position: { x: 680, y: 160 }, config: { direction: "csv-to-json", data: "input.body", header: true, delimiter: "semicolon", columns: [], parseValues: true } },
      { id: "sellable", type: "transform.filter", name: "Active, with a price", position: { x: 980, y: 160 }, config: { items: "input", condition: "active = true and price > 0" } },
      {
        id: "upload",
        type: "action.http",
        name: "Bulk update catalogue",
        position: { x: 1280, y: 160 },
        config: { method: "PUT", url: "https://api.example.com/v1/catalogue/prices", body: { source: "supplier-csv", products: "{{ input }}" }, idempotencyKey: true, failOnErrorStatus: true, timeoutMs: 60_000 },
      },
    ],
    edges: [
      { id: "nightly-download", source: "nightly", target: "download" },
      { id: "download-rows", source: "download", target: "rows" },
      { id: "rows-sellable", source: "rows", target: "sellable" },
      { id: "sellable-upload", source: "sellable", target: "upload" },
    ],
    pinData: {
      nightly: { scheduledAt: "2025-03-04T02:30:00.000Z", firedAt: "2025-03-04T02:30:00.207Z", timezone: "UTC", missed: false },
      upload: httpAnswer({ updated: 3, skipped: 0 }),
      download: { status: 200, headers: { "content-type": "text/csv" }, body: "sku;name;price;active\nMUG-01;Enamel mug;12.5;true\nTEE-M-BLK;T-shirt M black;19;true\nOLD-99;Discontinued;0;false\n" },
    },
  },
};
