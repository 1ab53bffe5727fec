interface GraphLike {
  nodes: readonly { id: string }[];
  edges: readonly { source: string; target: string; sourceHandle?: string | null }[];
}

/** Returns the node ids of one cycle (first id repeated at the end), or null for a DAG. */
export function findCycle(graph: GraphLike): string[] | null {
  const children = childrenOf(graph);
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, "visiting");
    stack.push(id);
    for (const next of children.get(id) ?? []) {
      if (state.get(next) === "visiting") return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const node of graph.nodes) {
    if (!state.has(node.id)) {
      const found = visit(node.id);
      if (found) return found;
    }
  }
  return null;
}

export function childrenOf(graph: GraphLike): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = map.get(edge.source) ?? [];
    list.push(edge.target);
    map.set(edge.source, list);
  }
  return map;
}

/** Node ids in an order where every node comes after all of its parents. */
export function topologicalOrder(graph: GraphLike): string[] {
  const indegree = new Map(graph.nodes.map((n) => [n.id, 0]));
  for (const edge of graph.edges) if (indegree.has(edge.target)) indegree.set(edge.target, indegree.get(edge.target)! + 1);
  const children = childrenOf(graph);
  const queue = graph.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const child of children.get(id) ?? []) {
      const left = indegree.get(child)! - 1;
      indegree.set(child, left);
      if (left === 0) queue.push(child);
    }
  }
  return order;
}
