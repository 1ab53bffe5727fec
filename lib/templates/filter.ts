import { getNodeDefinition } from "@/lib/nodes";
import type { WorkflowTemplate } from "./types";

/**
 * Templates with the tag (when given) whose text contains every word of the query: name,
 * description, category, tags, and the names and types of their nodes.
 */
export function filterTemplates(templates: readonly WorkflowTemplate[], query: string, tag: string | null): WorkflowTemplate[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return templates.filter((template) => {
    if (tag && !template.tags.includes(tag)) return false;
    const text = searchableText(template);
    return words.every((word) => text.includes(word));
  });
}

function searchableText(template: WorkflowTemplate): string {
  const nodes = template.document.nodes.flatMap((node) => [node.name ?? "", getNodeDefinition(node.type)?.label ?? node.type]);
  return [template.name, template.description, template.category, ...template.tags, ...nodes].join(" ").toLowerCase();
}
