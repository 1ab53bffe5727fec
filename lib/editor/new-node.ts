import { getNodeDefinition } from "@/lib/nodes";
import type { EditorNodeData } from "./types";

/** A palette entry that is one use of a node type: an imported API's operation is an "api.operation" node with its config and name. */
export interface NodePreset {
  config: Record<string, unknown>;
  name: string;
  /** What the node's id is made from instead of its type ("createOrder" → "create_order_1"). */
  idBase: string;
}

/** What a node freshly added to the canvas holds: the latest version of its type (named when above 1) and that version's defaults, with a preset's config and name over them. */
export function newNodeData(type: string, preset?: NodePreset): EditorNodeData | null {
  const definition = getNodeDefinition(type);
  if (!definition) return null;
  const config = { ...(structuredClone(definition.defaults) as Record<string, unknown>), ...(preset ? structuredClone(preset.config) : {}) };
  return { type, ...(definition.typeVersion && definition.typeVersion > 1 ? { typeVersion: definition.typeVersion } : {}), config, ...(preset ? { name: preset.name.slice(0, 120) } : {}) };
}
