import { describe, expect, it } from "vitest";
import { getNodeDefinition, latestTypeVersion, nodeDefinitions } from "@/lib/nodes";
import type { NodeDefinition } from "@/lib/nodes/types";
import { runNode, scopeWith } from "../support/transforms";

/**
 * `pure: true` lets the embedded engine hold a node's result for the next checkpoint, so after a
 * crash the node runs again without anyone outside the run seeing it (lib/db/deferred-writes.ts).
 * A node that calls out, writes or starts anything must never be marked: these pin the list.
 */
const PURE_TYPES = [
  "transform.map",
  "transform.set",
  "transform.filter",
  "transform.split",
  "transform.aggregate",
  "transform.validate",
  "transform.code",
  "transform.xml",
  "transform.csv",
  "transform.datetime",
  "transform.mask",
  "flow.if",
  "flow.switch",
  "flow.merge",
];

/** What each runs on: a record, or the text its parser reads. */
const inputOf = (type: string): unknown => ({ "transform.csv": "id,name\n1,Ada", "transform.xml": "<person><id>1</id><name>Ada</name></person>" })[type] ?? { id: 1, name: "Ada" };

const isPure = (definition: NodeDefinition) => definition.kind === "step" && definition.pure === true;

describe("node types whose results may be held for the next checkpoint", () => {
  it("are the transforms and the conditions, and no trigger, action or connector", () => {
    const pure = nodeDefinitions.filter(isPure);
    expect(pure.map((d) => d.type).sort()).toEqual([...PURE_TYPES].sort());
    for (const definition of pure) expect(["transform", "flow"]).toContain(definition.category);
    // Earlier versions kept for stored workflows are pure exactly when their type is.
    const earlier = nodeDefinitions.flatMap((d) => Array.from({ length: latestTypeVersion(d.type) - 1 }, (_, i) => getNodeDefinition(d.type, i + 1)!));
    expect(earlier.map((d) => `${d.type}@${d.typeVersion ?? 1}`)).toContain("flow.if@1");
    for (const definition of earlier) expect(isPure(definition), `${definition.type}@${definition.typeVersion ?? 1}`).toBe(PURE_TYPES.includes(definition.type));
  });

  it.each(PURE_TYPES)("%s runs with its defaults on services that offer nothing but the transform libraries", async (type) => {
    const definition = getNodeDefinition(type)!;
    // The network, databases, e-mail, queues, the store, events and sub-workflows all fail here (tests/support/node-services.ts).
    const result = await runNode(type, { ...(definition.defaults as Record<string, unknown>) }, scopeWith(inputOf(type)));
    expect(result).toHaveProperty("output");
  });
});
