import type { WorkflowDocument, WorkflowEdge, WorkflowNode } from "@/lib/document/schema";

/**
 * What changed between two workflow documents ("Compare with current" in the version history).
 * Pure and free of server imports, so the browser uses it too. Nodes are matched by id; edges by
 * what they connect (source, output handle, target), so an edge drawn again under a new id is no
 * change. Editor test data (`pinData`) is not part of the comparison: runs never read it.
 */

/** One differing value; `path` is dotted from the node (`config.url`, `settings.retry.maxAttempts`) or the document (`name`, `settings.concurrency`). `undefined` means absent. */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface NodeChange {
  id: string;
  before: WorkflowNode;
  after: WorkflowNode;
  /** Type, name, disabled, config and settings differences, field by field. */
  changes: FieldChange[];
  /** It was also moved on the canvas. */
  moved: boolean;
}

export interface WorkflowDiff {
  /** In the order of the newer document. */
  added: WorkflowNode[];
  /** In the order of the older document. */
  removed: WorkflowNode[];
  changed: NodeChange[];
  /** Nodes whose only change is their place on the canvas (as in the newer document). */
  moved: WorkflowNode[];
  edges: { added: WorkflowEdge[]; removed: WorkflowEdge[] };
  /** The workflow's own fields: its name and settings. */
  workflow: FieldChange[];
  /** Nothing but canvas positions (or nothing at all) differs. */
  same: boolean;
}

/** From `before` (e.g. a published version) to `after` (e.g. the editor's current document). */
export function diffWorkflows(before: WorkflowDocument, after: WorkflowDocument): WorkflowDiff {
  const old = new Map(before.nodes.map((node) => [node.id, node]));
  const now = new Set(after.nodes.map((node) => node.id));
  const added: WorkflowNode[] = [];
  const changed: NodeChange[] = [];
  const moved: WorkflowNode[] = [];
  for (const node of after.nodes) {
    const previous = old.get(node.id);
    if (!previous) {
      added.push(node);
      continue;
    }
    const changes = nodeChanges(previous, node);
    const wasMoved = previous.position.x !== node.position.x || previous.position.y !== node.position.y;
    if (changes.length) changed.push({ id: node.id, before: previous, after: node, changes, moved: wasMoved });
    else if (wasMoved) moved.push(node);
  }
  const removed = before.nodes.filter((node) => !now.has(node.id));

  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  const edges = { added: unique(after.edges.filter((edge) => !oldEdges.has(edgeKey(edge)))), removed: unique(before.edges.filter((edge) => !newEdges.has(edgeKey(edge)))) };

  const workflow = [...fieldChanges("name", before.name, after.name), ...fieldChanges("settings", before.settings, after.settings)];
  const same = !added.length && !removed.length && !changed.length && !edges.added.length && !edges.removed.length && !workflow.length;
  return { added, removed, changed, moved, edges, workflow, same };
}

function nodeChanges(before: WorkflowNode, after: WorkflowNode): FieldChange[] {
  return [
    ...fieldChanges("type", before.type, after.type),
    // An empty name shows the type's label, like no name.
    ...fieldChanges("name", before.name || undefined, after.name || undefined),
    // Not disabled is the same as `disabled: false`.
    ...fieldChanges("disabled", before.disabled || undefined, after.disabled || undefined),
    ...fieldChanges("config", before.config, after.config),
    ...fieldChanges("settings", before.settings, after.settings),
  ];
}

/**
 * Differences between two values, as deep as both sides are objects (an absent object counts as
 * empty, so a new setting is reported by its own path). Arrays of the same length are compared
 * item by item; otherwise an array is reported whole.
 */
function fieldChanges(path: string, before: unknown, after: unknown): FieldChange[] {
  if (equal(before, after)) return [];
  if ((isRecord(before) || before === undefined) && (isRecord(after) || after === undefined)) {
    const left = before ?? {};
    const right = after ?? {};
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
    return keys.flatMap((key) => fieldChanges(`${path}.${key}`, left[key], right[key]));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => fieldChanges(`${path}.${index}`, item, after[index]));
  }
  return [{ path, before, after }];
}

function edgeKey(edge: WorkflowEdge): string {
  return JSON.stringify([edge.source, edge.sourceHandle ?? null, edge.target]);
}

/** One edge per connection, in case a document holds the same connection twice. */
function unique(edges: WorkflowEdge[]): WorkflowEdge[] {
  const seen = new Set<string>();
  return edges.filter((edge) => {
    const key = edgeKey(edge);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values, whatever the order of object keys; an absent key equals `undefined`. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => equal(item, b[index]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!equal(a[key], b[key])) return false;
    return true;
  }
  return false;
}
