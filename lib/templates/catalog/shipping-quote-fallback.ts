import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

export const shippingQuoteFallback: WorkflowTemplate = {
  id: "shipping-quote-fallback",
  name: "Shipping quotes with a flat-rate fallback",
  description:
    "Checkout asks for a shipping price and must get one. The carrier's API is called with a circuit breaker: while the carrier is down the breaker stops calling it and the run takes the fallback output, answering a flat rate at once; a single failed call takes the error output to the same answer.",
  pattern: "circuit-breaker",
  needs: "Your checkout calling its webhook URL; your carrier's rate API URL (a connection sets its breaker thresholds).",
  tags: ["webhook", "circuit-breaker", "fallback", "respond"],
  document: {
    version: 1,
    name: "Shipping quotes with a flat-rate fallback",
    nodes: [
      { id: "quoteRequest", type: "trigger.webhook", name: "Quote requested", position: { x: 80, y: 160 }, config: { response: { mode: "respond", timeoutMs: 4000 } } },
      {
        id: "carrierRates",
        type: "action.http",
        name: "Ask the carrier",
        position: { x: 380, y: 160 },
        config: {
          method: "POST",
          url: "https://carrier.example.com/v1/rates",
          body: { to: "{{ trigger.body.postcode }}", country: "{{ trigger.body.country }}", weightGrams: "{{ trigger.body.weightGrams }}" },
          failOnErrorStatus: true,
          timeoutMs: 2000,
          circuitFallback: true,
        },
        settings: { onError: "branch" },
      },
      {
        id: "liveQuote",
        type: "action.respond",
        name: "Answer the carrier's rate",
        position: { x: 680, y: 60 },
        config: { status: 200, body: { amount: "{{ input.body.amount }}", currency: "{{ input.body.currency }}", source: "carrier" } },
      },
      {
        id: "flatRate",
        type: "action.respond",
        name: "Answer the flat rate",
        position: { x: 680, y: 260 },
        config: { status: 200, body: { amount: 4.9, currency: "EUR", source: "flat-rate" } },
      },
    ],
    edges: [
      { id: "quoteRequest-carrierRates", source: "quoteRequest", target: "carrierRates" },
      { id: "carrierRates-liveQuote", source: "carrierRates", target: "liveQuote" },
      { id: "carrierRates-flatRate-fallback", source: "carrierRates", sourceHandle: "fallback", target: "flatRate" },
      { id: "carrierRates-flatRate-error", source: "carrierRates", sourceHandle: "error", target: "flatRate" },
    ],
    pinData: {
      carrierRates: httpAnswer({ carrier: "DHL", service: "express", amount: 14.9, currency: "EUR" }),
      quoteRequest: webhookRequest({ postcode: "10115", country: "DE", weightGrams: 1200 }),
    },
  },
};
