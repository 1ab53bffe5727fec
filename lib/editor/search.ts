import { nodeDefinitionOf } from "@/lib/nodes";

export interface SearchableNode {
  id: string;
  type: string;
  name?: string;
}

export interface SearchMatch {
  id: string;
  label: string;
  typeLabel: string;
}

/**
 * Canvas search: nodes whose name, id, type id or type label contain every word of the query
 * (case-insensitive), those whose name or id starts with the query first, then in canvas order.
 */
export function searchNodes(nodes: readonly SearchableNode[], query: string, limit = 20): SearchMatch[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const matches: (SearchMatch & { rank: number; order: number })[] = [];
  nodes.forEach((node, order) => {
    const typeLabel = nodeDefinitionOf(node)?.label ?? node.type;
    const label = node.name?.trim() || typeLabel;
    const haystack = `${label} ${node.id} ${node.type} ${typeLabel}`.toLowerCase();
    if (!words.every((w) => haystack.includes(w))) return;
    const whole = words.join(" ");
    const rank = label.toLowerCase().startsWith(whole) || node.id.toLowerCase().startsWith(whole) ? 0 : 1;
    matches.push({ id: node.id, label, typeLabel, rank, order });
  });
  return matches
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map(({ id, label, typeLabel }) => ({ id, label, typeLabel }));
}
