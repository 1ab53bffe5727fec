import { describe, expect, it } from "vitest";
import { isTriggerType } from "@/lib/nodes";
import { filterTemplates, templateTags, workflowTemplates } from "@/lib/templates";
import { compensationNodeIds } from "@/lib/document/compensation";
import { workflowDocumentSchema } from "@/lib/document/schema";

describe("workflow templates", () => {
  it("have unique ids", () => {
    const ids = workflowTemplates.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(workflowTemplates.map((t) => [t.id, t] as const))("%s is a valid workflow document", (_id, template) => {
    const result = workflowDocumentSchema.safeParse(template.document);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it.each(workflowTemplates.map((t) => [t.id, t] as const))("%s starts with one trigger that reaches every node but compensations, laid out left to right", (_id, template) => {
    const { edges } = template.document;
    const compensations = compensationNodeIds(template.document);
    const nodes = template.document.nodes.filter((n) => !compensations.has(n.id));
    const triggers = nodes.filter((n) => isTriggerType(n.type));
    expect(triggers).toHaveLength(1);

    const reached = new Set([triggers[0].id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const edge of edges) {
        if (reached.has(edge.source) && !reached.has(edge.target)) {
          reached.add(edge.target);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual(nodes.map((n) => n.id).sort());

    const x = new Map(nodes.map((n) => [n.id, n.position.x]));
    for (const edge of edges) expect(x.get(edge.target)!, `${edge.source} → ${edge.target}`).toBeGreaterThan(x.get(edge.source)!);
  });

  it("name every node and describe themselves for the gallery", () => {
    for (const template of workflowTemplates) {
      expect(template.document.name).toBe(template.name);
      expect(template.description.length).toBeGreaterThan(20);
      expect(template.tags.length).toBeGreaterThan(0);
      for (const node of template.document.nodes) expect(node.name, `${template.id}/${node.id}`).toBeTruthy();
    }
  });

  it("list each tag once, sorted", () => {
    expect(templateTags).toEqual([...new Set(workflowTemplates.flatMap((t) => t.tags))].sort());
    expect(templateTags).toContain("webhook");
  });
});

describe("filterTemplates", () => {
  it("keeps everything without a query or tag", () => {
    expect(filterTemplates(workflowTemplates, "  ", null)).toEqual(workflowTemplates);
  });

  it("narrows by tag", () => {
    const delayed = filterTemplates(workflowTemplates, "", "delay");
    expect(delayed.length).toBeGreaterThan(0);
    expect(delayed.every((t) => t.tags.includes("delay"))).toBe(true);
    expect(delayed.length).toBeLessThan(workflowTemplates.length);
  });

  it("matches every word of the query, case-insensitively, including node names and types", () => {
    expect(filterTemplates(workflowTemplates, "CRM contact", null).map((t) => t.id)).toEqual(["forward-webhook-to-api"]);
    expect(filterTemplates(workflowTemplates, "delay", null).map((t) => t.id)).toContain("delayed-follow-up");
    expect(filterTemplates(workflowTemplates, "crm nonexistentword", null)).toEqual([]);
  });

  it("combines tag and query", () => {
    expect(filterTemplates(workflowTemplates, "sales", "manual")).toEqual([]);
    expect(filterTemplates(workflowTemplates, "enterprise", "branch").map((t) => t.id)).toEqual(["route-leads"]);
  });
});
