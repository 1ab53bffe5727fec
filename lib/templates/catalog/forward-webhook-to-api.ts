import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

export const forwardWebhookToApi: WorkflowTemplate = {
  id: "forward-webhook-to-api",
  name: "Forward sign-ups to your CRM",
  description: "Receive a sign-up by webhook, reshape it into the contact your CRM expects and POST it to the CRM's API.",
  pattern: "point-to-point",
  needs: "A sign-up form calling its webhook URL; your CRM's API URL and token.",
  tags: ["webhook", "transform", "http"],
  document: {
    version: 1,
    name: "Forward sign-ups to your CRM",
    nodes: [
      { id: "signup", type: "trigger.webhook", name: "Sign-up received", position: { x: 80, y: 160 }, config: {} },
      {
        id: "toContact",
        type: "transform.map",
        name: "Shape CRM contact",
        position: { x: 380, y: 160 },
        config: {
          expression: [
            "{",
            '  "email": $lowercase(trigger.body.email),',
            '  "firstName": trigger.body.first_name,',
            '  "lastName": trigger.body.last_name,',
            '  "company": trigger.body.company,',
            '  "source": "website-signup",',
            '  "signedUpAt": $now()',
            "}",
          ].join("\n"),
        },
      },
      {
        id: "createContact",
        type: "action.http",
        name: "Create contact",
        position: { x: 680, y: 160 },
        config: {
          method: "POST",
          url: "https://api.example.com/v1/contacts",
          headers: { Authorization: "Bearer <your CRM API token>" },
          body: "{{ steps.toContact }}",
          failOnErrorStatus: true,
          timeoutMs: 30_000,
        },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 1000 } },
      },
    ],
    edges: [
      { id: "signup-toContact", source: "signup", target: "toContact" },
      { id: "toContact-createContact", source: "toContact", target: "createContact" },
    ],
    pinData: {
      signup: webhookRequest({ email: "Ada.Lovelace@Example.com", first_name: "Ada", last_name: "Lovelace", company: "Analytical Engines Ltd" }),
      createContact: httpAnswer({ id: "con_5521", email: "ada.lovelace@example.com", source: "website-signup" }, 201),
    },
  },
};
