"use client";

import type { EditorIssues } from "@/lib/editor/issues";
import type { EditorNode } from "@/lib/editor/types";
import { upstreamNodeIds } from "@/lib/editor/upstream";
import { ERROR_OUTPUT } from "@/lib/document/outputs";
import { isTriggerType } from "@/lib/nodes";
import { NodeDataContext, type NodeDataValue } from "./node-data-context";
import { NodeInspector } from "./node-inspector";
import type { WorkflowGraph } from "./use-workflow-graph";

interface SelectedNodeInspectorProps {
  node: EditorNode;
  graph: WorkflowGraph;
  issues: EditorIssues;
  nodeData: NodeDataValue | null;
  webhookUrl?: string;
  active: boolean;
  onClose: () => void;
}

/** The selected node's settings, wired to the graph: beside the canvas, or in the middle of the node view. */
export function SelectedNodeInspector({ node, graph, issues, nodeData, webhookUrl, active, onClose }: SelectedNodeInspectorProps) {
  const { nodes, edges } = graph;
  // Lookups instead of a scan of nodes per upstream id and of edges per node: this renders on every drag frame.
  const typeOf = new Map<string, string>();
  for (const n of nodes) if (!typeOf.has(n.id)) typeOf.set(n.id, n.data.type);
  const connected = new Set(edges.flatMap((e) => [e.source, e.target]));
  return (
    <NodeDataContext.Provider value={nodeData}>
      <NodeInspector
        node={node}
        issues={issues.byNode.get(node.id) ?? []}
        allIds={nodes.map((n) => n.id)}
        upstreamStepIds={upstreamNodeIds(node.id, edges).filter((id) => !isTriggerType(typeOf.get(id) ?? ""))}
        webhookUrl={webhookUrl}
        active={active}
        compensationCandidates={nodes.filter((n) => n.id !== node.id && !isTriggerType(n.data.type) && !connected.has(n.id)).map((n) => n.id)}
        errorConnected={edges.some((e) => e.source === node.id && e.sourceHandle === ERROR_OUTPUT.id)}
        onUpdate={(update) => graph.updateNodeData(node.id, update)}
        onRename={(to) => graph.renameNodeId(node.id, to)}
        onDelete={() => graph.deleteNode(node.id)}
        onClose={onClose}
        onCaptured={(output) => graph.pinNode(node.id, output)}
      />
    </NodeDataContext.Provider>
  );
}
