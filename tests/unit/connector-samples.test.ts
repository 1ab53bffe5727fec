import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { connectors } from "@/lib/connectors";
import { completionsFor } from "@/lib/editor/completions";
import { getNodeDefinition } from "@/lib/nodes";
import type { NodeDefinition } from "@/lib/nodes/types";

/** Every app node declares an example output (the provider's documented answer), so autocomplete has fields to offer before a first run. */

const scope = { trigger: null, steps: {}, run: { id: "preview", workflowId: "wf_1", attempt: 0 }, input: null };

function exampleOf(definition: NodeDefinition, overrides: Record<string, unknown> = {}) {
  const values = { ...(definition.defaults as object), ...overrides };
  const parsed = definition.config.safeParse(values);
  return definition.outputExample!(parsed.success ? parsed.data : values);
}

const fieldsOf = (value: unknown) => (value && typeof value === "object" ? Object.keys(Array.isArray(value) ? (value[0] ?? {}) : value) : []);

describe.each(connectors.map((c) => [c.name, c] as const))("%s", (_name, connector) => {
  it.each(connector.actions.map((a) => [a.name, a] as const))("action %s has a JSON sample that yields fields", (_action, action) => {
    const definition = getNodeDefinition(`${connector.id}.${action.name}`)!;
    expect(isDeepStrictEqual(JSON.parse(JSON.stringify(action.sample)), action.sample)).toBe(true);
    expect(fieldsOf(exampleOf(definition)).length).toBeGreaterThan(0);
    if (action.pages) {
      const items = exampleOf(definition, { allPages: true });
      expect(Array.isArray(items) && items.length > 0).toBe(true);
      expect(fieldsOf((items as unknown[])[0]).length).toBeGreaterThan(0);
    }
  });

  it.each((connector.triggers ?? []).map((t) => [t.name, t] as const))("trigger %s has a delivery sample", (_trigger, trigger) => {
    const definition = getNodeDefinition(`${connector.id}.${trigger.name}`)!;
    expect(isDeepStrictEqual(JSON.parse(JSON.stringify(trigger.sample)), trigger.sample)).toBe(true);
    const example = exampleOf(definition) as { body: unknown };
    expect(fieldsOf(example.body).length).toBeGreaterThan(0);
  });
});

describe("autocomplete from app samples", () => {
  it("offers a Stripe customer's fields for a create-customer step, and a Stripe event's for the trigger", () => {
    const customer = exampleOf(getNodeDefinition("stripe.createCustomer")!);
    const trigger = exampleOf(getNodeDefinition("stripe.onEvent")!);
    const shapes = { steps: { create_customer_1: customer }, trigger };
    const offered = completionsFor("steps.create_customer_1.", scope, shapes).map((c) => c.label);
    expect(offered).toEqual(expect.arrayContaining(["id", "email", "name"]));
    expect(completionsFor("trigger.body.", scope, shapes).map((c) => c.label)).toEqual(expect.arrayContaining(["id", "type", "data"]));
  });

  it("offers an item's fields when a list action follows every page", () => {
    const definition = getNodeDefinition("github.listPullRequests")!;
    const shapes = { steps: { prs: exampleOf(definition, { allPages: true }) } };
    expect(completionsFor("steps.prs.", scope, shapes).map((c) => c.label)).toEqual(expect.arrayContaining(["number", "title"]));
  });
});
