import { webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

/** The connector chain business users ask for first: a shop's new order becomes a CRM deal and a team message, with no HTTP node. */
export const shopifyOrderToCrm: WorkflowTemplate = {
  id: "shopify-order-to-crm",
  name: "New Shopify order → HubSpot deal → Slack",
  description: "Take each new order from Shopify's order webhook, read it in full, open a won deal in HubSpot and tell the sales channel in Slack. Shopify's repeats of a delivery start nothing.",
  pattern: "routing",
  needs: "Shopify calling the webhook URL on “Order creation”; a Shopify, a HubSpot and a Slack connection; the Slack channel to post in.",
  tags: ["webhook", "shopify", "hubspot", "slack", "dedup"],
  document: {
    version: 1,
    name: "New Shopify order → HubSpot deal → Slack",
    nodes: [
      {
        id: "orderCreated",
        type: "trigger.webhook",
        name: "Shopify order created",
        position: { x: 80, y: 160 },
        // Shopify sends every delivery, and each of its retries, with the same X-Shopify-Webhook-Id.
        config: { dedup: { source: "header", header: "X-Shopify-Webhook-Id", windowHours: 48 } },
      },
      {
        id: "order",
        type: "shopify.getOrder",
        name: "Read the order",
        position: { x: 380, y: 160 },
        config: { connectionId: "choose-your-shopify-connection", orderId: "{{ trigger.body.id }}" },
        settings: { retry: { maxAttempts: 4, backoff: "exponential", initialDelayMs: 1000 } },
      },
      {
        id: "deal",
        type: "hubspot.createDeal",
        name: "Open a HubSpot deal",
        position: { x: 680, y: 160 },
        config: {
          connectionId: "choose-your-hubspot-connection",
          dealname: "Shopify {{ steps.order.name }} – {{ steps.order.customer.firstName }} {{ steps.order.customer.lastName }}",
          amount: "{{ steps.order.totalPriceSet.shopMoney.amount }}",
          dealstage: "closedwon",
        },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 1000 } },
      },
      {
        id: "announce",
        type: "slack.postMessage",
        name: "Tell #sales",
        position: { x: 980, y: 160 },
        config: {
          connectionId: "choose-your-slack-connection",
          channel: "#sales",
          text: ":shopping_bags: {{ steps.order.name }}: {{ steps.order.totalPriceSet.shopMoney.amount }} {{ steps.order.totalPriceSet.shopMoney.currencyCode }} from {{ steps.order.email }} (HubSpot deal {{ steps.deal.id }})",
        },
      },
    ],
    edges: [
      { id: "orderCreated-order", source: "orderCreated", target: "order" },
      { id: "order-deal", source: "order", target: "deal" },
      { id: "deal-announce", source: "deal", target: "announce" },
    ],
    pinData: {
      orderCreated: webhookRequest({ id: 450789469, name: "#1001", email: "grace@example.com", total_price: "409.94", currency: "EUR" }),
      order: {
        id: "gid://shopify/Order/450789469",
        name: "#1001",
        email: "grace@example.com",
        displayFinancialStatus: "PAID",
        totalPriceSet: { shopMoney: { amount: "409.94", currencyCode: "EUR" } },
        customer: { id: "gid://shopify/Customer/207119551", email: "grace@example.com", firstName: "Grace", lastName: "Hopper" },
        lineItems: { nodes: [{ title: "Ceramic mug", sku: "MUG-1", quantity: 2 }] },
      },
      deal: { id: "18355025641", properties: { dealname: "Shopify #1001 – Grace Hopper", amount: "409.94", dealstage: "closedwon" }, createdAt: "2026-12-05T09:30:01.000Z", archived: false },
      announce: { ok: true, channel: "C0SALES", ts: "1764927001.000100", message: { text: ":shopping_bags: #1001: 409.94 EUR from grace@example.com (HubSpot deal 18355025641)" } },
    },
  },
};
