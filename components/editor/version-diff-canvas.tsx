"use client";

import { Background, Handle, Position, ReactFlow, ReactFlowProvider, type Edge, type Node, type NodeProps } from "@xyflow/react";
import { memo, useMemo } from "react";
import type { WorkflowDocument } from "@/lib/document/schema";
import { nodeDefinitionOf } from "@/lib/nodes";
import { cn } from "@/lib/utils";
import type { WorkflowDiff } from "@/lib/workflow-store/diff";

/** How a node or connection differs between the two documents compared. */
export type DiffMark = "added" | "removed" | "changed" | "moved" | "same";

type DiffNodeData = { title: string; nodeId: string; mark: DiffMark };
type DiffFlowNode = Node<DiffNodeData, "diff">;

const NODE_STYLES: Record<DiffMark, string> = {
  added: "border-success bg-success/10",
  removed: "border-destructive border-dashed bg-destructive/10 opacity-80",
  changed: "border-warning bg-warning/10",
  moved: "border-border bg-card",
  same: "border-border bg-card opacity-70",
};

const MARK_LABELS: Record<DiffMark, string> = { added: "Added", removed: "Removed", changed: "Changed", moved: "Moved", same: "Unchanged" };

const EDGE_COLORS = { added: "var(--success)", removed: "var(--destructive)", same: "var(--xy-edge-stroke)" };

function DiffNodeView({ data }: NodeProps<DiffFlowNode>) {
  return (
    <div
      className={cn("w-44 rounded-md border-2 px-2.5 py-1.5 text-xs shadow-sm", NODE_STYLES[data.mark])}
      data-diff={data.mark}
      role="img"
      aria-label={`${data.title} (${data.nodeId}): ${MARK_LABELS[data.mark]}`}
    >
      <Handle type="target" position={Position.Left} className="!size-1.5 !min-h-0 !min-w-0 !border-0 !bg-muted-foreground" isConnectable={false} />
      <p className="truncate font-medium">{data.title}</p>
      <p className="flex items-center justify-between gap-2 text-[10px] text-muted-foreground">
        <span className="truncate font-mono">{data.nodeId}</span>
        {data.mark !== "same" && <span className="shrink-0 font-semibold uppercase">{MARK_LABELS[data.mark]}</span>}
      </p>
      <Handle type="source" position={Position.Right} className="!size-1.5 !min-h-0 !min-w-0 !border-0 !bg-muted-foreground" isConnectable={false} />
    </div>
  );
}

const nodeTypes = { diff: memo(DiffNodeView) };

/**
 * The two versions drawn as one graph: the newer document's nodes where they are now, removed
 * nodes where they were, each marked added, removed, changed or unchanged, and connections that
 * were added (green) or removed (red, dashed). Read-only; clicking a node shows its changes.
 */
export function VersionDiffCanvas({ after, diff, onSelect }: { after: WorkflowDocument; diff: WorkflowDiff; onSelect: (nodeId: string, mark: DiffMark) => void }) {
  const { nodes, edges } = useMemo(() => diffGraph(after, diff), [after, diff]);
  return (
    <div className="h-64 overflow-hidden rounded-lg border bg-canvas" data-testid="version-diff-canvas">
      {/* Its own store: the dialog opens inside the editor's React Flow provider. */}
      <ReactFlowProvider>
        <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        proOptions={{ hideAttribution: true }}
        minZoom={0.1}
        onNodeClick={(_event, node) => onSelect(node.data.nodeId, node.data.mark)}
      >
          <Background gap={16} size={1} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}

/** Removed nodes and connections come from the diff, with their places in the older document. */
function diffGraph(after: WorkflowDocument, diff: WorkflowDiff): { nodes: DiffFlowNode[]; edges: Edge[] } {
  const marks = new Map<string, DiffMark>([
    ...diff.added.map((n) => [n.id, "added"] as const),
    ...diff.changed.map((c) => [c.id, "changed"] as const),
    ...diff.moved.map((n) => [n.id, "moved"] as const),
  ]);
  const node = (n: WorkflowDocument["nodes"][number], mark: DiffMark, key = n.id): DiffFlowNode => ({
    id: key,
    type: "diff",
    position: n.position,
    data: { title: n.name || nodeDefinitionOf(n)?.label || n.type, nodeId: n.id, mark },
  });
  const nodes = [...after.nodes.map((n) => node(n, marks.get(n.id) ?? "same")), ...diff.removed.map((n) => node(n, "removed", `removed:${n.id}`))];
  const removedIds = new Set(diff.removed.map((n) => n.id));
  const endpoint = (id: string, removedSide: boolean) => (removedSide && removedIds.has(id) ? `removed:${id}` : id);
  const edgeKey = (e: { source: string; sourceHandle?: string | null; target: string }) => `${e.source}|${e.sourceHandle ?? ""}|${e.target}`;
  const added = new Set(diff.edges.added.map(edgeKey));
  const edge = (e: WorkflowDocument["edges"][number], kind: "added" | "removed" | "same"): Edge => ({
    id: `${kind}:${edgeKey(e)}`,
    source: endpoint(e.source, kind === "removed"),
    target: endpoint(e.target, kind === "removed"),
    label: e.sourceHandle && e.sourceHandle !== "main" ? e.sourceHandle : undefined,
    style: { stroke: EDGE_COLORS[kind], strokeWidth: kind === "same" ? 1.25 : 2, strokeDasharray: kind === "removed" ? "5 4" : undefined },
  });
  const edges = [...after.edges.map((e) => edge(e, added.has(edgeKey(e)) ? "added" : "same")), ...diff.edges.removed.map((e) => edge(e, "removed"))];
  return { nodes, edges };
}
