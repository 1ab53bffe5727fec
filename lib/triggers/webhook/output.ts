/**
 * Webhook shapes shared by the server, the app triggers' definitions and the browser (no server
 * imports): what a delivery gives the workflow, and what became of a delivery.
 */

/** What a webhook delivery gives the workflow as `trigger`. */
export interface WebhookTriggerOutput {
  method: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** `ignored`: answered 200 without a run (an app's URL check, an event the trigger does not ask for). */
export const DELIVERY_OUTCOMES = ["accepted", "duplicate", "ignored", "rejected"] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];
