import { nodeDefinitionOf } from "@/lib/nodes";

interface GraphLike {
  nodes: readonly { id: string; type: string; settings?: { compensation?: string } }[];
  edges: readonly { source: string; target: string }[];
}

/**
 * Saga compensation: a node names (settings.compensation) a node that undoes its work. Such
 * compensation nodes stand apart, with no connections: they run only when the run fails, once
 * per completed step that names them, in reverse completion order (lib/execution/compensate.ts).
 */
export function compensationNodeIds(graph: GraphLike): Set<string> {
  return new Set(graph.nodes.flatMap((n) => (n.settings?.compensation ? [n.settings.compensation] : [])));
}

export function compensationIssues(graph: GraphLike): { nodeId: string; message: string }[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const connected = new Set(graph.edges.flatMap((e) => [e.source, e.target]));
  const issues: { nodeId: string; message: string }[] = [];
  for (const node of graph.nodes) {
    const target = node.settings?.compensation;
    if (!target) continue;
    const compensation = byId.get(target);
    const problem = !compensation
      ? `There is no node "${target}" to compensate with`
      : target === node.id
        ? "A node cannot compensate itself"
        : nodeDefinitionOf(compensation)?.category === "trigger"
          ? `"${target}" is a trigger; compensate with an action`
          : connected.has(target)
            ? `"${target}" is connected; a compensation node runs only on failure, so remove its connections`
            : compensation.settings?.compensation
              ? `"${target}" compensates other nodes itself; it cannot name a compensation`
              : null;
    if (problem) issues.push({ nodeId: node.id, message: problem });
  }
  return issues;
}
