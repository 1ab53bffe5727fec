import { httpAnswer } from "../samples";
import type { WorkflowTemplate } from "../types";

export const priceQuoteAggregator: WorkflowTemplate = {
  id: "price-quote-aggregator",
  name: "Build a quote from per-item price lookups",
  description:
    "Split a basket into its lines, look up each line's price with its own call (each retried on its own), then merge the lines back into one quote with a total.",
  pattern: "aggregator",
  needs: "Your pricing API's URL. Runs by hand with a sample basket.",
  tags: ["manual", "loop", "merge", "http"],
  document: {
    version: 1,
    name: "Build a quote from per-item price lookups",
    nodes: [
      {
        id: "basket",
        type: "trigger.manual",
        name: "Basket",
        position: { x: 80, y: 160 },
        config: {
          samplePayload: {
            customerId: "cus_2041",
            lines: [
              { sku: "MUG-01", quantity: 2 },
              { sku: "TEE-M-BLK", quantity: 1 },
              { sku: "STICKER-SET", quantity: 5 },
            ],
          },
        },
      },
      { id: "eachLine", type: "transform.split", name: "Each line", position: { x: 380, y: 160 }, config: { items: "trigger.lines", mode: "item", batchSize: 10 } },
      {
        id: "getPrice",
        type: "action.http",
        name: "Look up price",
        position: { x: 680, y: 160 },
        config: {
          method: "GET",
          url: "https://pricing.example.com/v1/prices/{{ input.sku }}",
          query: { customer: "{{ trigger.customerId }}" },
          failOnErrorStatus: true,
          timeoutMs: 10_000,
        },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 500 } },
      },
      {
        id: "line",
        type: "transform.map",
        name: "Price the line",
        position: { x: 980, y: 160 },
        config: {
          expression: '{ "sku": steps.eachLine.sku, "quantity": steps.eachLine.quantity, "unitPrice": input.body.price, "lineTotal": steps.eachLine.quantity * input.body.price }',
        },
      },
      { id: "collect", type: "flow.merge", name: "Collect lines", position: { x: 1280, y: 160 }, config: { mode: "concat" } },
      {
        id: "quote",
        type: "transform.map",
        name: "Quote",
        position: { x: 1580, y: 160 },
        config: { expression: '{ "customerId": trigger.customerId, "lines": input, "total": $round($sum(input.lineTotal), 2), "currency": "EUR" }' },
      },
    ],
    edges: [
      { id: "basket-eachLine", source: "basket", target: "eachLine" },
      { id: "eachLine-getPrice", source: "eachLine", target: "getPrice" },
      { id: "getPrice-line", source: "getPrice", target: "line" },
      { id: "line-collect", source: "line", target: "collect" },
      { id: "collect-quote", source: "collect", target: "quote" },
    ],
    pinData: {
      getPrice: httpAnswer({ sku: "MUG-01", price: 12.5, currency: "EUR" }),
    },
  },
};
