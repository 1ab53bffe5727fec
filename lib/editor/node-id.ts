import { getNodeDefinition } from "@/lib/nodes";
import { NODE_ID_PATTERN } from "@/lib/document/schema";
import type { EditorEdge, EditorNode } from "./types";

/**
 * A readable id for a new node: triggers are named after their label ("manual_trigger",
 * "webhook"), other nodes after their type with a counter ("http_1", "map_2", "if_1"), or after
 * `name` when given (an imported API's operation: "createOrder" → "create_order_1").
 */
export function nextNodeId(type: string, existingIds: Iterable<string>, name?: string): string {
  const taken = new Set(existingIds);
  const definition = getNodeDefinition(type);
  if (definition?.category === "trigger") {
    const base = nodeIdSlug(definition.label);
    if (!taken.has(base)) return base;
    return firstFree(base, taken, 2);
  }
  return firstFree(nodeIdSlug(shortTypeName(name ?? type)), taken, 1);
}

function firstFree(base: string, taken: Set<string>, from: number): string {
  for (let n = from; ; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** "action.http" → "http"; app actions' camelCase names split into words: "stripe.createCustomer" → "create_Customer". */
function shortTypeName(type: string): string {
  return type.slice(type.lastIndexOf(".") + 1).replace(/([a-z0-9])([A-Z])/g, "$1_$2");
}

/** Lower-case words joined by "_", always a valid id start. */
export function nodeIdSlug(text: string): string {
  const words = text.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  const id = /^[a-z_]/.test(words) ? words : `node_${words}`;
  return id.slice(0, 56) || "node";
}

/** Why `candidate` cannot replace `currentId` as a node id, or null when it can. */
export function nodeIdError(candidate: string, currentId: string, existingIds: Iterable<string>): string | null {
  if (!candidate) return "Enter an id";
  if (!NODE_ID_PATTERN.test(candidate)) {
    return /^[0-9]/.test(candidate) ? "Start with a letter or _" : "Use letters, digits and _ (up to 64)";
  }
  if (candidate === currentId) return null;
  for (const id of existingIds) if (id === candidate) return `"${candidate}" is already used by another node`;
  return null;
}

/**
 * Renames a node, re-points its connections and updates `steps.<id>` references in every
 * node's config, so expressions keep reading the same step. Selection and the rest are kept.
 */
export function renameNode(nodes: EditorNode[], edges: EditorEdge[], from: string, to: string): { nodes: EditorNode[]; edges: EditorEdge[] } {
  const reference = new RegExp(`\\bsteps\\.${from}(?![A-Za-z0-9_])`, "g");
  return {
    nodes: nodes.map((node) => {
      const config = replaceInStrings(node.data.config, reference, `steps.${to}`) as Record<string, unknown>;
      const renamed = node.id === from ? { ...node, id: to } : node;
      return config === node.data.config ? renamed : { ...renamed, data: { ...node.data, config } };
    }),
    edges: edges.map((edge) =>
      edge.source === from || edge.target === from
        ? { ...edge, source: edge.source === from ? to : edge.source, target: edge.target === from ? to : edge.target }
        : edge,
    ),
  };
}

/** `value` with `pattern` replaced in every string inside it; the same object when nothing matched. */
function replaceInStrings(value: unknown, pattern: RegExp, replacement: string): unknown {
  if (typeof value === "string") return value.replace(pattern, replacement);
  if (Array.isArray(value)) {
    const next = value.map((v) => replaceInStrings(v, pattern, replacement));
    return next.some((v, i) => v !== value[i]) ? next : value;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, replaceInStrings(v, pattern, replacement)] as const);
    return entries.some(([k, v]) => v !== (value as Record<string, unknown>)[k]) ? Object.fromEntries(entries) : value;
  }
  return value;
}
