import { describe, expect, it } from "vitest";
import { getNodeDefinition, isTriggerType } from "@/lib/nodes";
import { filterTemplates, templatePattern, templatePatterns, workflowTemplates, type TemplatePatternId } from "@/lib/templates";
import { TEMPLATE_PATTERNS } from "@/lib/templates/patterns";
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

  it("pin sample data for their trigger and for every node that would call or wait on something outside, so Try it runs without real systems", () => {
    // Nodes that reach outside Switchboard (HTTP, mail, chat, queues, databases, other workflows, AI, app connectors) or wait for time or events.
    const reachesOutside = (type: string) => !!getNodeDefinition(type)?.app || /^(action\.(http|email|chat-message|queue-publish|postgres|mysql|sub-workflow|batch-sync)|ai\.(model|agent)|flow\.(delay|wait-for-event))$/.test(type);
    for (const template of workflowTemplates) {
      const pinned = new Set(Object.keys(template.document.pinData ?? {}));
      const unpinned = template.document.nodes.filter((n) => reachesOutside(n.type) && !pinned.has(n.id)).map((n) => n.id);
      expect(unpinned, template.id).toEqual([]);
      const trigger = template.document.nodes.find((n) => isTriggerType(n.type))!;
      expect(pinned.has(trigger.id) || (trigger.config as { samplePayload?: unknown } | undefined)?.samplePayload !== undefined, `${template.id}: trigger sample`).toBe(true);
    }
  });

  it("say what they need in a line or two", () => {
    for (const template of workflowTemplates) expect(template.needs?.length ?? 0, template.id).toBeLessThanOrEqual(130);
  });
});

describe("template patterns", () => {
  /** Node types a template must use to teach its pattern (at least one template per pattern has them all). */
  const TEACHES: Partial<Record<TemplatePatternId, string[]>> = {
    "point-to-point": ["action.http"],
    "fan-out": ["flow.merge"],
    "pub-sub": ["trigger.event", "action.publish-event"],
    enrichment: ["action.http", "transform.map"],
    "webhook-receiver": ["trigger.webhook"],
    "api-gateway": ["trigger.webhook", "action.respond"],
    polling: ["trigger.poll"],
    "batch-sync": ["action.batch-sync"],
    "scheduled-report": ["trigger.schedule"],
    aggregator: ["transform.split", "flow.merge"],
    "format-transform": ["transform.csv"],
    routing: ["flow.switch"],
    validation: ["transform.validate"],
    ai: ["ai.model"],
    "queue-consumer": ["trigger.queue", "action.queue-publish"],
    "rate-limited": ["transform.split", "action.http"],
    "human-approval": ["flow.wait-for-event"],
    delay: ["flow.delay"],
  };

  it("the gallery has at least 24 templates and one or more per pattern", () => {
    expect(workflowTemplates.length).toBeGreaterThanOrEqual(24);
    for (const pattern of TEMPLATE_PATTERNS) expect(workflowTemplates.some((t) => t.pattern === pattern.id), pattern.id).toBe(true);
    expect(templatePatterns.map((p) => p.id)).toEqual(TEMPLATE_PATTERNS.map((p) => p.id));
  });

  it.each(Object.entries(TEACHES))("a %s template uses the nodes that teach it", (pattern, types) => {
    const templates = workflowTemplates.filter((t) => t.pattern === pattern);
    expect(templates.some((t) => types.every((type) => t.document.nodes.some((n) => n.type === type)))).toBe(true);
  });

  it("teach the reliability patterns with the settings that implement them", () => {
    const nodesOf = (pattern: TemplatePatternId) => workflowTemplates.filter((t) => t.pattern === pattern).flatMap((t) => t.document.nodes);
    const webhook = nodesOf("webhook-receiver").find((n) => n.type === "trigger.webhook")!.config as { signature: { scheme: string }; dedup: { source: string }; response: { mode: string } };
    expect(webhook.signature.scheme).not.toBe("none");
    expect(webhook.dedup.source).not.toBe("none");
    expect(webhook.response.mode).toBe("immediate");
    expect(nodesOf("api-gateway").find((n) => n.type === "trigger.webhook")!.config).toMatchObject({ response: { mode: "respond" } });
    expect(nodesOf("queue-consumer").some((n) => n.settings?.onError === "branch")).toBe(true);
    expect(nodesOf("circuit-breaker").some((n) => n.config.circuitFallback === true)).toBe(true);
    expect(nodesOf("saga").some((n) => n.settings?.compensation)).toBe(true);
    expect(nodesOf("retry").some((n) => (n.settings?.retry?.maxAttempts ?? 1) > 1)).toBe(true);
  });

  it("follow the order of their patterns, grouped", () => {
    const order = workflowTemplates.map((t) => TEMPLATE_PATTERNS.findIndex((p) => p.id === t.pattern));
    const groups = TEMPLATE_PATTERNS.map((p) => p.group);
    const groupOrder = workflowTemplates.map((t) => groups.indexOf(templatePattern(t.pattern).group));
    expect(groupOrder).toEqual([...groupOrder].sort((a, b) => a - b));
    expect(order.every((i) => i >= 0)).toBe(true);
  });
});

describe("filterTemplates", () => {
  it("keeps everything without a query or tag", () => {
    expect(filterTemplates(workflowTemplates, "  ", null)).toEqual(workflowTemplates);
  });

  it("narrows by pattern", () => {
    const routing = filterTemplates(workflowTemplates, "", "routing");
    expect(routing.length).toBeGreaterThan(1);
    expect(routing.every((t) => t.pattern === "routing")).toBe(true);
    expect(routing.length).toBeLessThan(workflowTemplates.length);
  });

  it("matches every word of the query, case-insensitively, including node names and types", () => {
    expect(filterTemplates(workflowTemplates, "CRM contact", null).map((t) => t.id)).toEqual(["forward-webhook-to-api"]);
    expect(filterTemplates(workflowTemplates, "delay", null).map((t) => t.id)).toContain("delayed-follow-up");
    expect(filterTemplates(workflowTemplates, "crm nonexistentword", null)).toEqual([]);
  });

  it("matches the pattern's name and what a template needs", () => {
    expect(filterTemplates(workflowTemplates, "dead letters", null).map((t) => t.id)).toEqual(["queue-dead-letter"]);
    expect(filterTemplates(workflowTemplates, "ai model connection", null).map((t) => t.id)).toEqual(["summarise-feedback"]);
  });

  it("combines pattern and query", () => {
    expect(filterTemplates(workflowTemplates, "enterprise", "saga")).toEqual([]);
    expect(filterTemplates(workflowTemplates, "enterprise", "routing").map((t) => t.id)).toEqual(["route-leads"]);
  });
});
