import { getNodeDefinition, MAIN_OUTPUT } from "@/lib/nodes";
import { childrenOf } from "./graph";

interface GraphLike {
  nodes: readonly { id: string; type: string }[];
  edges: readonly { source: string; target: string; sourceHandle?: string | null }[];
}

export interface LoopIssue {
  nodeId: string;
  message: string;
}

/**
 * The loops of a workflow: for each splitting node (transform.split), its body, the nodes
 * reachable from its main output up to (not including) a joining node (flow.merge). Body nodes run once per
 * iteration; a join collects their outputs. Returned as body node id → split node id, with the
 * shapes the engine does not run: nested loops and a node in two loops.
 */
export function loopBodies(graph: GraphLike): { owner: Map<string, string>; issues: LoopIssue[] } {
  const types = new Map(graph.nodes.map((n) => [n.id, n.type]));
  const children = childrenOf(graph);
  const owner = new Map<string, string>();
  const issues: LoopIssue[] = [];
  for (const split of graph.nodes.filter((n) => loopRole(n.type) === "splits")) {
    // The loop leaves from the split's items output; its error output (onError: branch) is not looped.
    const queue = graph.edges.filter((e) => e.source === split.id && (e.sourceHandle ?? MAIN_OUTPUT.id) === MAIN_OUTPUT.id).map((e) => e.target);
    const seen = new Set<string>();
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id) || !types.has(id) || loopRole(types.get(id)!) === "joins") continue;
      seen.add(id);
      if (loopRole(types.get(id)!) === "splits") {
        issues.push({ nodeId: id, message: `A loop inside the loop of "${split.id}" is not supported; end that loop with a Merge first, or run a sub-workflow per item` });
        continue;
      }
      const other = owner.get(id);
      if (other && other !== split.id) issues.push({ nodeId: id, message: `"${id}" follows two loops ("${other}" and "${split.id}"); end one of them with a Merge first` });
      else owner.set(id, split.id);
      queue.push(...(children.get(id) ?? []));
    }
  }
  return { owner, issues };
}

function loopRole(type: string) {
  return getNodeDefinition(type)?.loop;
}
