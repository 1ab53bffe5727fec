import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

const spoke = (url: string) => ({
  method: "PUT",
  url,
  body: "{{ steps.canonical }}",
  idempotencyKey: true,
  failOnErrorStatus: true,
  timeoutMs: 15_000,
});

/** Each spoke retries on its own and, if it still fails, records the error instead of stopping the others. */
const spokeSettings = { retry: { maxAttempts: 4, backoff: "exponential" as const, initialDelayMs: 1000 }, onError: "continue" as const };

export const customerFanOut: WorkflowTemplate = {
  id: "customer-fan-out",
  name: "Send customer changes to CRM, billing and help desk",
  description:
    "The hub: one webhook from your app, reshaped once into a canonical customer, then pushed to three systems in parallel. A spoke that keeps failing records its error without stopping the others, and the summary lists which ones to replay.",
  pattern: "fan-out",
  needs: "Your app calling its webhook URL on customer changes; your CRM, billing and help desk API URLs.",
  tags: ["webhook", "http", "parallel", "merge"],
  document: {
    version: 1,
    name: "Send customer changes to CRM, billing and help desk",
    nodes: [
      { id: "customerChanged", type: "trigger.webhook", name: "Customer changed", position: { x: 80, y: 200 }, config: {} },
      {
        id: "canonical",
        type: "transform.map",
        name: "Canonical customer",
        position: { x: 380, y: 200 },
        config: {
          expression: [
            "{",
            '  "externalId": trigger.body.id,',
            '  "email": $lowercase(trigger.body.email),',
            '  "name": trigger.body.first_name & " " & trigger.body.last_name,',
            '  "plan": trigger.body.plan,',
            '  "country": $uppercase(trigger.body.address.country)',
            "}",
          ].join("\n"),
        },
      },
      { id: "pushCrm", type: "action.http", name: "Update CRM", position: { x: 680, y: 40 }, config: spoke("https://crm.example.com/v1/contacts/{{ trigger.body.id }}"), settings: spokeSettings },
      { id: "pushBilling", type: "action.http", name: "Update billing", position: { x: 680, y: 200 }, config: spoke("https://billing.example.com/v1/customers/{{ trigger.body.id }}"), settings: spokeSettings },
      { id: "pushHelpdesk", type: "action.http", name: "Update help desk", position: { x: 680, y: 360 }, config: spoke("https://helpdesk.example.com/v1/users/{{ trigger.body.id }}"), settings: spokeSettings },
      { id: "collect", type: "flow.merge", name: "Wait for all three", position: { x: 980, y: 200 }, config: { mode: "object" } },
      {
        id: "summary",
        type: "transform.map",
        name: "Delivery summary",
        position: { x: 1280, y: 200 },
        config: {
          expression: [
            "{",
            '  "customer": trigger.body.id,',
            '  "failed": $keys(input)[$exists($lookup($$.input, $).error)][]',
            "}",
          ].join("\n"),
        },
      },
    ],
    edges: [
      { id: "customerChanged-canonical", source: "customerChanged", target: "canonical" },
      { id: "canonical-pushCrm", source: "canonical", target: "pushCrm" },
      { id: "canonical-pushBilling", source: "canonical", target: "pushBilling" },
      { id: "canonical-pushHelpdesk", source: "canonical", target: "pushHelpdesk" },
      { id: "pushCrm-collect", source: "pushCrm", target: "collect" },
      { id: "pushBilling-collect", source: "pushBilling", target: "collect" },
      { id: "pushHelpdesk-collect", source: "pushHelpdesk", target: "collect" },
      { id: "collect-summary", source: "collect", target: "summary" },
    ],
    pinData: {
      pushCrm: httpAnswer({ id: "crm_8812", synced: true }),
      pushBilling: httpAnswer({ id: "bill_cus_2041", synced: true }),
      pushHelpdesk: httpAnswer({ id: "hd_user_77", synced: true }),
      customerChanged: webhookRequest({ id: "cus_2041", email: "Ada@Example.com", first_name: "Ada", last_name: "Lovelace", plan: "team", address: { country: "gb" } }),
    },
  },
};
