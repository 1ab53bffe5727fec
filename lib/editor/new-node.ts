import { getNodeDefinition } from "@/lib/nodes";
import type { EditorNodeData } from "./types";

/** What a node freshly added to the canvas holds: the latest version of its type (named when above 1) and that version's defaults. */
export function newNodeData(type: string): EditorNodeData | null {
  const definition = getNodeDefinition(type);
  if (!definition) return null;
  return { type, ...(definition.typeVersion && definition.typeVersion > 1 ? { typeVersion: definition.typeVersion } : {}), config: structuredClone(definition.defaults) as Record<string, unknown> };
}
