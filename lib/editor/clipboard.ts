import type { XYPosition } from "@xyflow/react";
import { WORKFLOW_FORMAT_VERSION, workflowEdgeSchema, workflowNodeSchema, type WorkflowDocument, type WorkflowEdge, type WorkflowNode } from "@/lib/document/schema";
import { STEP_REFERENCE } from "@/lib/document/step-references";

/** What the clipboard carries: nodes and the edges between them, in the workflow document's format. */
export interface Clip {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
}

/**
 * The selected nodes with the edges between them, as workflow-document JSON: it pastes into
 * another workflow or tab, and reads as a document anywhere else.
 */
export function copyText(document: WorkflowDocument, selectedIds: ReadonlySet<string>): string {
  const nodes = document.nodes.filter((n) => selectedIds.has(n.id));
  const edges = document.edges.filter((e) => selectedIds.has(e.source) && selectedIds.has(e.target));
  return JSON.stringify({ version: WORKFLOW_FORMAT_VERSION, name: document.name, nodes, edges }, null, 2);
}

/**
 * Nodes and edges in pasted text: a workflow document, `{ nodes, edges }`, an array of nodes or one
 * node. Items that are not valid nodes or edges are left out, as are edges to nodes not pasted.
 * Null when the text holds no node.
 */
export function parseClip(text: string): Clip | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const record = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  const rawNodes: unknown[] = Array.isArray(value) ? value : Array.isArray(record?.nodes) ? record.nodes : record ? [record] : [];
  const nodes = rawNodes.flatMap((raw) => {
    const parsed = workflowNodeSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
  if (!nodes.length) return null;
  const ids = new Set(nodes.map((n) => n.id));
  const rawEdges: unknown[] = Array.isArray(record?.edges) ? record.edges : [];
  const edges = rawEdges.flatMap((raw) => {
    const parsed = workflowEdgeSchema.safeParse(raw);
    return parsed.success && ids.has(parsed.data.source) && ids.has(parsed.data.target) ? [parsed.data] : [];
  });
  return { nodes, edges };
}

/**
 * The clip made ready to add to a workflow that has `existing` nodes and edges: node ids that are
 * taken get a free one ("http_1" → "http_2"), the clip's edges and `steps.<id>` expressions follow
 * the new ids, edge ids are made unique, and the nodes move so their top-left corner is at `at`.
 */
export function prepareClip(clip: Clip, existing: { nodeIds: Iterable<string>; edgeIds: Iterable<string> }, at: XYPosition): Clip {
  const taken = new Set(existing.nodeIds);
  const renames = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = taken.has(node.id) || renames.has(node.id) ? freeId(node.id, taken) : node.id;
    renames.set(node.id, id);
    taken.add(id);
  }
  const left = Math.min(...clip.nodes.map((n) => n.position.x));
  const top = Math.min(...clip.nodes.map((n) => n.position.y));
  const nodes = clip.nodes.map((node) => ({
    ...node,
    id: renames.get(node.id) ?? node.id,
    position: { x: node.position.x - left + at.x, y: node.position.y - top + at.y },
    config: rewriteReferences(node.config, renames) as Record<string, unknown>,
  }));
  const edgeIds = new Set(existing.edgeIds);
  const edges = clip.edges.map((edge) => {
    const source = renames.get(edge.source) ?? edge.source;
    const target = renames.get(edge.target) ?? edge.target;
    const base = `${source}${edge.sourceHandle ? `.${edge.sourceHandle}` : ""}->${target}`;
    let id = base;
    for (let n = 2; edgeIds.has(id); n++) id = `${base}#${n}`;
    edgeIds.add(id);
    return { ...edge, id, source, target };
  });
  return { nodes, edges };
}

/** The first free id after `id`: "http_1" → "http_2", "fetch" → "fetch_2". */
function freeId(id: string, taken: ReadonlySet<string>): string {
  const match = /^(.*)_(\d+)$/.exec(id);
  const base = match ? match[1] : id;
  for (let n = match ? Number(match[2]) + 1 : 2; ; n++) {
    const candidate = `${base.slice(0, 56)}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** `value` with every `steps.<old>` in its strings pointing at the renamed node. */
function rewriteReferences(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return value.replace(STEP_REFERENCE, (whole, id: string) => (renames.has(id) ? `steps.${renames.get(id)}` : whole));
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, renames));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteReferences(v, renames)]));
  return value;
}
