import type { XYPosition } from "@xyflow/react";
import { nodeOutputs } from "@/lib/document/outputs";
import { newEdgeId } from "./connections";
import { GRID, NODE_HEIGHT, NODE_WIDTH } from "./placement";
import { EDGE_TYPE, type EditorEdge, type EditorNode } from "./types";

/** Where the node creator was opened: an output of a node ("+" on a handle, or the palette with a node selected), or a connection. */
export type InsertTarget = { source: string; sourceHandle?: string | null } | { edgeId: string };

const GAP_X = 96;
const BRANCH_GAP_Y = 112;

/**
 * Adds `node` connected in place: after an output (placed to its right, branches fanned out by
 * output, clear of other nodes), or into a connection (source → node → target, placed between
 * them). Returns the nodes and edges after the change, or null when the target no longer exists.
 */
export function insertConnected(nodes: readonly EditorNode[], edges: readonly EditorEdge[], node: EditorNode, target: InsertTarget): { nodes: EditorNode[]; edges: EditorEdge[] } | null {
  if ("edgeId" in target) {
    const edge = edges.find((e) => e.id === target.edgeId);
    const source = edge && nodes.find((n) => n.id === edge.source);
    const after = edge && nodes.find((n) => n.id === edge.target);
    if (!edge || !source || !after) return null;
    const position = clear({ x: snap((source.position.x + after.position.x) / 2), y: snap((source.position.y + after.position.y) / 2) }, nodes);
    const kept = edges.filter((e) => e.id !== edge.id);
    const into = edgeFrom(edge.source, edge.sourceHandle ?? null, node.id, kept);
    const out = edgeFrom(node.id, null, edge.target, [...kept, into]);
    return { nodes: [...nodes, { ...node, position }], edges: [...kept, into, out] };
  }
  const source = nodes.find((n) => n.id === target.source);
  if (!source) return null;
  const outputs = nodeOutputs(source.data);
  const index = Math.max(0, outputs.findIndex((o) => o.id === target.sourceHandle));
  const offset = outputs.length > 1 ? (index - (outputs.length - 1) / 2) * BRANCH_GAP_Y : 0;
  const position = clear({ x: snap(source.position.x + NODE_WIDTH + GAP_X), y: snap(source.position.y + offset) }, nodes);
  const handle = target.sourceHandle && outputs.length > 1 ? target.sourceHandle : null;
  return { nodes: [...nodes, { ...node, position }], edges: [...edges, edgeFrom(source.id, handle, node.id, edges)] };
}

function edgeFrom(source: string, sourceHandle: string | null, target: string, existing: readonly EditorEdge[]): EditorEdge {
  const edge: EditorEdge = { id: newEdgeId({ source, target, sourceHandle }, existing), type: EDGE_TYPE, source, target };
  if (sourceHandle) edge.sourceHandle = sourceHandle;
  return edge;
}

/** Moves a spot down until no node overlaps it. */
function clear(spot: XYPosition, nodes: readonly EditorNode[]): XYPosition {
  let { y } = spot;
  while (nodes.some((n) => Math.abs(n.position.x - spot.x) < NODE_WIDTH && Math.abs(n.position.y - y) < NODE_HEIGHT + GRID)) y += NODE_HEIGHT + 2 * GRID;
  return { x: spot.x, y };
}

function snap(value: number): number {
  return Math.round(value / GRID) * GRID;
}
