import { webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

export const routeLeads: WorkflowTemplate = {
  id: "route-leads",
  name: "Route leads by company size",
  description: "Score each inbound lead, put large companies into HubSpot as sales-qualified leads and add the rest to a SendGrid onboarding list.",
  pattern: "routing",
  needs: "A lead form calling its webhook URL; a HubSpot and a SendGrid connection, and your onboarding list's id.",
  tags: ["webhook", "transform", "branch", "hubspot", "sendgrid"],
  document: {
    version: 1,
    name: "Route leads by company size",
    nodes: [
      { id: "leadSubmitted", type: "trigger.webhook", name: "Lead form submitted", position: { x: 80, y: 160 }, config: {} },
      {
        id: "qualify",
        type: "transform.map",
        name: "Qualify lead",
        position: { x: 380, y: 160 },
        config: {
          expression: [
            "{",
            '  "email": $lowercase(trigger.body.email),',
            '  "company": trigger.body.company,',
            '  "employees": $number(trigger.body.employees),',
            '  "segment": $number(trigger.body.employees) >= 200 ? "enterprise" : "self-serve"',
            "}",
          ].join("\n"),
        },
      },
      {
        id: "isEnterprise",
        type: "flow.if",
        name: "Enterprise?",
        position: { x: 680, y: 160 },
        config: { condition: 'input.segment = "enterprise"' },
      },
      {
        id: "assignToSales",
        type: "hubspot.createContact",
        name: "Add to HubSpot for sales",
        position: { x: 980, y: 60 },
        config: {
          connectionId: "choose-your-hubspot-connection",
          email: "{{ steps.qualify.email }}",
          company: "{{ steps.qualify.company }}",
          properties: { lifecyclestage: "salesqualifiedlead", hs_lead_status: "NEW", numberofemployees: "{{ steps.qualify.employees }}" },
        },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 1000 } },
      },
      {
        id: "enrollInSequence",
        type: "sendgrid.upsertContact",
        name: "Add to the onboarding list",
        position: { x: 980, y: 260 },
        config: { connectionId: "choose-your-sendgrid-connection", email: "{{ steps.qualify.email }}", listIds: ["your-onboarding-list-id"] },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 1000 } },
      },
    ],
    edges: [
      { id: "leadSubmitted-qualify", source: "leadSubmitted", target: "qualify" },
      { id: "qualify-isEnterprise", source: "qualify", target: "isEnterprise" },
      { id: "isEnterprise-assignToSales", source: "isEnterprise", sourceHandle: "true", target: "assignToSales" },
      { id: "isEnterprise-enrollInSequence", source: "isEnterprise", sourceHandle: "false", target: "enrollInSequence" },
    ],
    pinData: {
      leadSubmitted: webhookRequest({ email: "Grace@Example.com", company: "Hopper Systems", employees: "450" }),
      assignToSales: { id: "9921", properties: { email: "grace@example.com", company: "Hopper Systems", lifecyclestage: "salesqualifiedlead" }, createdAt: "2025-03-03T09:30:01.000Z", archived: false },
      enrollInSequence: { job_id: "2387e363-4104-4225-8960-4a5758492351" },
    },
  },
};
