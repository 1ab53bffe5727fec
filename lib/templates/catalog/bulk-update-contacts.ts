import { httpAnswer } from "../samples";
import type { WorkflowTemplate } from "../types";

export const bulkUpdateContacts: WorkflowTemplate = {
  id: "bulk-update-contacts",
  name: "Update many contacts without hitting the rate limit",
  description:
    "Loop over a list of contacts and update each with its own call. The API connection's rate limit spaces the calls (the run sleeps between them, durably); a 429 answer is retried after its Retry-After; the summary counts what was updated and what failed.",
  pattern: "rate-limited",
  needs: "An API connection with a rate limit (e.g. 10 per second) chosen on “Update contact”; runs by hand with sample contacts.",
  tags: ["manual", "loop", "http", "rate-limit", "retries"],
  document: {
    version: 1,
    name: "Update many contacts without hitting the rate limit",
    nodes: [
      {
        id: "contacts",
        type: "trigger.manual",
        name: "Contacts to update",
        position: { x: 80, y: 160 },
        config: {
          samplePayload: {
            contacts: [
              { email: "ada@example.com", plan: "team" },
              { email: "grace@example.com", plan: "enterprise" },
              { email: "alan@example.com", plan: "free" },
            ],
          },
        },
      },
      { id: "eachContact", type: "transform.split", name: "Each contact", position: { x: 380, y: 160 }, config: { items: "trigger.contacts", mode: "item", batchSize: 10 } },
      {
        id: "updateContact",
        type: "action.http",
        name: "Update contact",
        position: { x: 680, y: 160 },
        config: {
          method: "PATCH",
          url: "https://api.example.com/v1/contacts/{{ $encodeUrlComponent(input.email) }}",
          body: { plan: "{{ input.plan }}" },
          idempotencyKey: true,
          failOnErrorStatus: true,
          timeoutMs: 15_000,
        },
        settings: { retry: { maxAttempts: 6, backoff: "exponential", initialDelayMs: 1000, maxDelayMs: 60_000, jitter: true }, onError: "continue" },
      },
      { id: "collect", type: "flow.merge", name: "Collect results", position: { x: 980, y: 160 }, config: { mode: "concat" } },
      {
        id: "summary",
        type: "transform.map",
        name: "Count outcomes",
        position: { x: 1280, y: 160 },
        config: { expression: '{ "updated": $count(input[$exists(status)]), "failed": $count(input[$exists(error)]), "errors": [input[$exists(error)].error.message] }' },
      },
    ],
    edges: [
      { id: "contacts-eachContact", source: "contacts", target: "eachContact" },
      { id: "eachContact-updateContact", source: "eachContact", target: "updateContact" },
      { id: "updateContact-collect", source: "updateContact", target: "collect" },
      { id: "collect-summary", source: "collect", target: "summary" },
    ],
    pinData: {
      updateContact: httpAnswer({ email: "ada@example.com", plan: "team", updated: true }),
    },
  },
};
