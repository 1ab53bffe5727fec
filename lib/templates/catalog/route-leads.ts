import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

export const routeLeads: WorkflowTemplate = {
  id: "route-leads",
  name: "Route leads by company size",
  description: "Score each inbound lead, send large companies straight to the sales team's CRM queue and the rest to an onboarding email sequence.",
  pattern: "routing",
  needs: "A lead form calling its webhook URL; your CRM's and e-mail tool's API URLs.",
  tags: ["webhook", "transform", "branch", "http"],
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
        type: "action.http",
        name: "Assign to sales",
        position: { x: 980, y: 60 },
        config: {
          method: "POST",
          url: "https://api.example.com/v1/crm/leads",
          body: { email: "{{ steps.qualify.email }}", company: "{{ steps.qualify.company }}", owner: "enterprise-team", priority: "high" },
          failOnErrorStatus: true,
          timeoutMs: 30_000,
        },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 1000 } },
      },
      {
        id: "enrollInSequence",
        type: "action.http",
        name: "Start onboarding emails",
        position: { x: 980, y: 260 },
        config: {
          method: "POST",
          url: "https://api.example.com/v1/sequences/onboarding/enrollments",
          body: { email: "{{ steps.qualify.email }}", company: "{{ steps.qualify.company }}" },
          failOnErrorStatus: true,
          timeoutMs: 30_000,
        },
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
      assignToSales: httpAnswer({ id: "lead_9921", owner: "enterprise-team", priority: "high" }, 201),
      enrollInSequence: httpAnswer({ id: "enr_3310", sequence: "onboarding" }, 201),
    },
  },
};
