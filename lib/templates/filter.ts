import { nodeDefinitionOf } from "@/lib/nodes";
import { templatePattern, type TemplatePatternId } from "./patterns";
import type { WorkflowTemplate } from "./types";

/**
 * Templates of the pattern (when given) whose text contains every word of the query: name,
 * description, pattern, what they need, tags, and the names and types of their nodes.
 */
export function filterTemplates(templates: readonly WorkflowTemplate[], query: string, pattern: TemplatePatternId | null): WorkflowTemplate[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return templates.filter((template) => {
    if (pattern && template.pattern !== pattern) return false;
    const text = searchableText(template);
    return words.every((word) => text.includes(word));
  });
}

function searchableText(template: WorkflowTemplate): string {
  const nodes = template.document.nodes.flatMap((node) => [node.name ?? "", nodeDefinitionOf(node)?.label ?? node.type]);
  const { label, group } = templatePattern(template.pattern);
  return [template.name, template.description, label, group, template.needs ?? "", ...template.tags, ...nodes].join(" ").toLowerCase();
}
