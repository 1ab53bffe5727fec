import { getNodeDefinition } from "@/lib/nodes";
import type { WorkflowDocument } from "@/lib/document/schema";

/** A workflow with just its trigger, placed where the editor's canvas opens. */
export function newWorkflowDocument(name: string, triggerType: string): WorkflowDocument {
  const definition = getNodeDefinition(triggerType);
  if (!definition) throw new Error(`Unknown trigger type "${triggerType}"`);
  return {
    version: 1,
    name: name.trim(),
    nodes: [{ id: "trigger", type: triggerType, position: { x: 80, y: 160 }, config: structuredClone(definition.defaults) as Record<string, unknown> }],
    edges: [],
  };
}
