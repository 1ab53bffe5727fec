import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

const handler = (url: string) => ({ method: "POST", url, body: "{{ trigger.body.data.object }}", idempotencyKey: true, failOnErrorStatus: true, timeoutMs: 15_000 });
const retry = { retry: { maxAttempts: 5, backoff: "exponential" as const, initialDelayMs: 2000 } };

export const verifiedWebhookReceiver: WorkflowTemplate = {
  id: "verified-webhook-receiver",
  name: "Receive billing webhooks the right way",
  description:
    "Before a run starts, the trigger checks the Stripe-style signature (and its timestamp), drops repeats of the same event id for 3 days and answers 202 at once, so the sender never times out and retries. The run then does the slow work, routed by event type.",
  pattern: "webhook-receiver",
  needs: "Your provider's webhook pointed at its URL, and its signing secret in place of the placeholder.",
  tags: ["webhook", "signature", "dedup", "switch"],
  document: {
    version: 1,
    name: "Receive billing webhooks the right way",
    nodes: [
      {
        id: "billingEvent",
        type: "trigger.webhook",
        name: "Billing event (verified)",
        position: { x: 80, y: 160 },
        config: {
          methods: ["POST"],
          signature: { scheme: "stripe", secret: "whsec_replace_with_your_signing_secret", toleranceSeconds: 300 },
          dedup: { source: "expression", expression: "body.id", windowHours: 72 },
          response: { mode: "immediate" },
          maxBodyBytes: 262_144,
          rateLimitPerMinute: 600,
        },
      },
      {
        id: "byType",
        type: "flow.switch",
        name: "Event type",
        position: { x: 380, y: 160 },
        config: {
          cases: [
            { output: "paid", condition: 'trigger.body.type = "invoice.paid"' },
            { output: "failed", condition: 'trigger.body.type = "invoice.payment_failed"' },
          ],
          mode: "first",
        },
      },
      { id: "activate", type: "action.http", name: "Activate subscription", position: { x: 680, y: 60 }, config: handler("https://api.example.com/v1/subscriptions/activate"), settings: retry },
      { id: "dunning", type: "action.http", name: "Start dunning", position: { x: 680, y: 260 }, config: handler("https://api.example.com/v1/dunning"), settings: retry },
    ],
    edges: [
      { id: "billingEvent-byType", source: "billingEvent", target: "byType" },
      { id: "byType-activate", source: "byType", sourceHandle: "paid", target: "activate" },
      { id: "byType-dunning", source: "byType", sourceHandle: "failed", target: "dunning" },
    ],
    pinData: {
      activate: httpAnswer({ subscription: "sub_1QaZ", status: "active" }),
      dunning: httpAnswer({ case: "dun_2231", status: "open" }, 201),
      billingEvent: webhookRequest(
        { id: "evt_1PqX7e", type: "invoice.paid", data: { object: { id: "in_1PqX7c", customer: "cus_2041", amount_paid: 4900, currency: "eur" } } },
        { "stripe-signature": "t=1741000000,v1=…" },
      ),
    },
  },
};
