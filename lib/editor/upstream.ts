import type { EditorEdge } from "./types";

/** Every node a node can read from: its parents, their parents, ... nearest first. */
export function upstreamNodeIds(nodeId: string, edges: readonly Pick<EditorEdge, "source" | "target">[]): string[] {
  const parents = new Map<string, string[]>();
  for (const edge of edges) parents.set(edge.target, [...(parents.get(edge.target) ?? []), edge.source]);
  const seen = new Set<string>([nodeId]);
  const order: string[] = [];
  let frontier = [nodeId];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const parent of parents.get(id) ?? []) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        order.push(parent);
        next.push(parent);
      }
    }
    frontier = next;
  }
  return order;
}
