import { nodeDefinitionOf } from "@/lib/nodes";
import type { WorkflowDocument, WorkflowNode } from "./schema";

/** The workflow's trigger node (a valid document has exactly one), or undefined when it has none. */
export function triggerNodeOf(document: WorkflowDocument): WorkflowNode | undefined {
  return document.nodes.find((n) => nodeDefinitionOf(n)?.category === "trigger");
}
