import { MAIN_OUTPUT, isTriggerType } from "@/lib/nodes";
import { findCycle } from "@/lib/document/graph";
import { nodeOutputs } from "@/lib/document/outputs";
import type { EditorEdge, EditorNode } from "./types";

export interface ConnectionAttempt {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

/** The output a connection leaves from, with a missing handle meaning the node's first output. */
export function outputHandleOf(nodes: readonly EditorNode[], nodeId: string, handle: string | null | undefined): string | null {
  if (handle) return handle;
  const node = nodes.find((n) => n.id === nodeId);
  return (node && nodeOutputs(node.data)[0]?.id) ?? null;
}

/** Why a connection may not be drawn, or null when it may: the rules the server checks on save. */
export function connectionError(connection: ConnectionAttempt, nodes: readonly EditorNode[], edges: readonly EditorEdge[]): string | null {
  const { source, target } = connection;
  if (source === target) return "A node cannot connect to itself";
  const targetNode = nodes.find((n) => n.id === target);
  const sourceNode = nodes.find((n) => n.id === source);
  if (!targetNode || !sourceNode) return "Both ends must be nodes";
  if (isTriggerType(targetNode.data.type)) return "A trigger cannot have incoming connections";
  const handle = outputHandleOf(nodes, source, connection.sourceHandle);
  // A node whose config is invalid has no known outputs yet; its config issues say what to fix.
  const outputs = nodeOutputs(sourceNode.data).map((o) => o.id);
  if (outputs.length && !outputs.includes(handle ?? "")) return `"${source}" no longer has the output "${handle}"`;
  if (edges.some((e) => e.source === source && e.target === target && outputHandleOf(nodes, e.source, e.sourceHandle) === handle)) {
    return "These nodes are already connected";
  }
  if (findCycle({ nodes, edges: [...edges, { source, target }] })) return "That connection would create a loop";
  return null;
}

/** An edge id that says what it connects and is not used yet. */
export function newEdgeId(connection: ConnectionAttempt, existing: readonly EditorEdge[]): string {
  const base = `${connection.source}${connection.sourceHandle && connection.sourceHandle !== MAIN_OUTPUT.id ? `.${connection.sourceHandle}` : ""}->${connection.target}`;
  const ids = new Set(existing.map((e) => e.id));
  if (!ids.has(base)) return base;
  for (let n = 2; ; n++) if (!ids.has(`${base}#${n}`)) return `${base}#${n}`;
}
