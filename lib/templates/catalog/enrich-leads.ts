import { httpAnswer, webhookRequest } from "../samples";
import type { WorkflowTemplate } from "../types";

export const enrichLeads: WorkflowTemplate = {
  id: "enrich-leads",
  name: "Enrich new leads with company data",
  description:
    "Look up the company behind a lead's e-mail domain and add its name, size and industry before the lead reaches the CRM. When the lookup fails the lead still goes through, marked as not enriched.",
  pattern: "enrichment",
  needs: "A lead form calling its webhook URL; a company-data API and your CRM's API URL.",
  tags: ["webhook", "http", "transform"],
  document: {
    version: 1,
    name: "Enrich new leads with company data",
    nodes: [
      { id: "lead", type: "trigger.webhook", name: "Lead submitted", position: { x: 80, y: 160 }, config: {} },
      {
        id: "lookupCompany",
        type: "action.http",
        name: "Look up company",
        position: { x: 380, y: 160 },
        config: {
          method: "GET",
          url: "https://api.example.com/v1/companies/find",
          query: { domain: '{{ $substringAfter(trigger.body.email, "@") }}' },
          failOnErrorStatus: true,
          timeoutMs: 5000,
        },
        settings: { retry: { maxAttempts: 2 }, onError: "continue" },
      },
      {
        id: "enriched",
        type: "transform.map",
        name: "Merge lead and company",
        position: { x: 680, y: 160 },
        config: {
          expression: [
            "(",
            "  $company := steps.lookupCompany.body;",
            "  {",
            '    "email": $lowercase(trigger.body.email),',
            '    "name": trigger.body.name,',
            '    "company": $company.name ? $company.name : trigger.body.company,',
            '    "employees": $company.employees,',
            '    "industry": $company.industry,',
            '    "enriched": $not($exists(steps.lookupCompany.error))',
            "  }",
            ")",
          ].join("\n"),
        },
      },
      {
        id: "createLead",
        type: "action.http",
        name: "Create CRM lead",
        position: { x: 980, y: 160 },
        config: { method: "POST", url: "https://crm.example.com/v1/leads", body: "{{ steps.enriched }}", idempotencyKey: true, failOnErrorStatus: true, timeoutMs: 15_000 },
        settings: { retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 1000 } },
      },
    ],
    edges: [
      { id: "lead-lookupCompany", source: "lead", target: "lookupCompany" },
      { id: "lookupCompany-enriched", source: "lookupCompany", target: "enriched" },
      { id: "enriched-createLead", source: "enriched", target: "createLead" },
    ],
    pinData: {
      createLead: httpAnswer({ id: "lead_4410", status: "new" }, 201),
      lead: webhookRequest({ email: "grace@hopper-labs.example", name: "Grace Hopper", company: "Hopper Labs" }),
      lookupCompany: httpAnswer({ name: "Hopper Labs Inc.", domain: "hopper-labs.example", employees: 240, industry: "Software" }),
    },
  },
};
