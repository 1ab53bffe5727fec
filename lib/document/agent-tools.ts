import { z } from "zod";
import { nodeDefinitionOf, type NodeDefinition } from "@/lib/nodes";
import type { FieldWidget } from "@/lib/nodes/types";
import { isWidgetPath } from "./widget-paths";

interface GraphLike {
  nodes: readonly { id: string; type: string; name?: string; config?: Record<string, unknown>; disabled?: boolean; settings?: { compensation?: string } }[];
  edges: readonly { source: string; target: string }[];
}

const AGENT_TYPE = "ai.agent";

/** The tools an agent node's config names (tolerant of a config that does not validate). */
export function agentToolsOf(node: { type: string; config?: Record<string, unknown> }): { nodeId: string; description?: string; fields?: string[] }[] {
  if (node.type !== AGENT_TYPE || !Array.isArray(node.config?.tools)) return [];
  return (node.config.tools as unknown[]).flatMap((tool) => {
    const { nodeId, description, fields } = (tool ?? {}) as { nodeId?: unknown; description?: unknown; fields?: unknown };
    const allowed = Array.isArray(fields) ? fields.filter((f): f is string => typeof f === "string" && f.trim() !== "").map((f) => f.trim()) : [];
    return typeof nodeId === "string" && nodeId.trim()
      ? [{ nodeId: nodeId.trim(), ...(typeof description === "string" && description ? { description } : {}), ...(allowed.length ? { fields: allowed } : {}) }]
      : [];
  });
}

/**
 * AI agent tools: nodes an agent's config names (`tools: [{ nodeId }]`). Like compensation nodes
 * they stand apart, with no connections: the walk leaves them out, and they run only when the
 * model calls them, each call its own step (lib/execution/agent.ts).
 */
export function agentToolNodeIds(graph: GraphLike): Set<string> {
  return new Set(graph.nodes.flatMap((n) => agentToolsOf(n).map((t) => t.nodeId)));
}

export function agentToolIssues(graph: GraphLike): { nodeId: string; index: number; message: string }[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const connected = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
  const compensations = new Set(graph.nodes.flatMap((n) => (n.settings?.compensation ? [n.settings.compensation] : [])));
  const issues: { nodeId: string; index: number; message: string }[] = [];
  for (const agent of graph.nodes) {
    const seen = new Set<string>();
    agentToolsOf(agent).forEach(({ nodeId: target, fields }, index) => {
      const tool = byId.get(target);
      const definition = tool && nodeDefinitionOf(tool);
      const problem = !tool
        ? `There is no node "${target}" to use as a tool`
        : seen.has(target)
          ? `"${target}" is already a tool of this agent`
          : target === agent.id
            ? "An agent cannot be its own tool"
            : !definition
              ? null // the unknown type is reported on the node itself
              : definition.category === "trigger"
                ? `"${target}" is a trigger; use an action or transform as a tool`
                : definition.kind !== "step" || definition.loop || tool.type === "action.sub-workflow"
                  ? `"${target}" (${definition.label}) cannot be a tool: a tool does its work in one step`
                  : connected.has(target)
                    ? `"${target}" is connected; a tool runs only when the model calls it, so remove its connections`
                    : compensations.has(target)
                      ? `"${target}" is a compensation node; it cannot also be a tool`
                      : tool.disabled
                        ? `"${target}" is disabled; enable it or remove it from the tools`
                        : unknownFields(tool.type, definition, fields);
      seen.add(target);
      if (problem) issues.push({ nodeId: agent.id, index, message: problem });
    });
  }
  return issues;
}

/** Fields a model never sets: credentials, and code that would run with the tool node's rights. */
const HIDDEN_WIDGETS: FieldWidget[] = ["secret", "connection", "code"];

/** JSON Schema keywords kept in a tool's parameters; the form's hints (widget, showWhen…) are left out. */
const SCHEMA_KEYWORDS = new Set([
  "type", "title", "description", "enum", "const", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  "minLength", "maxLength", "pattern", "format", "items", "prefixItems", "minItems", "maxItems", "uniqueItems", "properties",
  "additionalProperties", "required", "anyOf", "oneOf", "allOf", "not", "$ref", "$defs", "definitions",
]);

/**
 * A tool's parameters: the JSON Schema of its node's config form (zod 4's `z.toJSONSchema`),
 * without connection, secret and code fields (the model never chooses credentials or code) and with nothing
 * required, since the node's own config fills in what the model leaves out. Other arguments are
 * allowed: all of them are the tool's input.
 */
export function toolParameters(type: string, definition: NodeDefinition): Record<string, unknown> {
  const schema = z.toJSONSchema(definition.config, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown> };
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {})
      .filter(([key]) => !HIDDEN_WIDGETS.some((widget) => isWidgetPath(type, widget, [key])))
      .map(([key, field]) => [key, cleanSchema(field)]),
  );
  return { type: "object", properties, additionalProperties: true };
}

/** A tool's allow-list naming fields the model cannot set on that node (not in its form, or a connection, secret or code field). */
function unknownFields(type: string, definition: NodeDefinition, fields: string[] | undefined): string | null {
  if (!fields) return null;
  const settable = new Set(toolConfigFields(toolParameters(type, definition)));
  const unknown = fields.filter((f) => !settable.has(f));
  return unknown.length ? `The model cannot set ${unknown.map((f) => `"${f}"`).join(", ")} of this node; it can set ${[...settable].join(", ") || "nothing"}` : null;
}

/** The config fields a model's arguments may set on a tool node. */
export function toolConfigFields(parameters: Record<string, unknown>): string[] {
  return Object.keys((parameters.properties as Record<string, unknown> | undefined) ?? {});
}

function cleanSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanSchema);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, v]) => {
      if (!SCHEMA_KEYWORDS.has(key)) return [];
      if (key === "properties" || key === "$defs" || key === "definitions") return [[key, Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, s]) => [k, cleanSchema(s)]))]];
      return [[key, cleanSchema(v)]];
    }),
  );
}
