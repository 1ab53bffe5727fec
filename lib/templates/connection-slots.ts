import type { WorkflowDocument } from "@/lib/document/schema";
import { configFields } from "@/lib/editor/field-model";
import { nodeDefinitionOf } from "@/lib/nodes";

/** A connection a template asks for: its placeholder, the connection types every node using it takes, and those nodes. */
export interface ConnectionSlot {
  placeholder: string;
  types: string[];
  nodes: string[];
}

/**
 * The connections a template asks for. Templates cannot know a workspace's connection ids, so
 * their connection fields hold placeholders ("choose-your-queue-connection"); nodes that should use
 * the same connection share one. "Use template" asks for one connection per placeholder.
 */
export function connectionSlots(document: WorkflowDocument): ConnectionSlot[] {
  const slots = new Map<string, ConnectionSlot>();
  for (const node of document.nodes) {
    const definition = nodeDefinitionOf(node);
    if (!definition) continue;
    for (const field of configFields(definition.config)) {
      const placeholder = node.config[field.key];
      if (field.kind !== "connection" || typeof placeholder !== "string" || !placeholder) continue;
      const types = field.connectionTypes ?? [];
      const slot = slots.get(placeholder);
      const name = node.name ?? definition.label;
      if (!slot) slots.set(placeholder, { placeholder, types, nodes: [name] });
      else {
        slot.types = slot.types.filter((t) => types.includes(t));
        if (!slot.nodes.includes(name)) slot.nodes.push(name);
      }
    }
  }
  return [...slots.values()];
}

/** The document with each chosen connection id (by placeholder) in every connection field holding that placeholder. */
export function withConnections(document: WorkflowDocument, chosen: Record<string, string>): WorkflowDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => {
      const definition = nodeDefinitionOf(node);
      if (!definition) return node;
      const updates = configFields(definition.config).filter((f) => f.kind === "connection" && typeof node.config[f.key] === "string" && chosen[node.config[f.key] as string]);
      return updates.length ? { ...node, config: { ...node.config, ...Object.fromEntries(updates.map((f) => [f.key, chosen[node.config[f.key] as string]])) } } : node;
    }),
  };
}
