import canonicalize from "canonicalize";
import { nodeOutputs } from "@/lib/document/outputs";
import { WORKFLOW_FORMAT_VERSION, type StickyNote, type WorkflowDocument, type WorkflowEdge, type WorkflowNode } from "@/lib/document/schema";
import { compactNodeSettings, compactWorkflowSettings } from "./settings";
import { EDGE_TYPE, NODE_TYPE, NOTE_TYPE, type EditorEdge, type EditorNode, type NoteNode } from "./types";

export function documentToFlow(document: WorkflowDocument): { nodes: EditorNode[]; edges: EditorEdge[] } {
  return {
    nodes: document.nodes.map((node) => ({
      id: node.id,
      type: NODE_TYPE,
      position: { ...node.position },
      data: {
        type: node.type,
        ...(node.typeVersion !== undefined ? { typeVersion: node.typeVersion } : {}),
        config: node.config ?? {},
        ...(node.settings ? { settings: node.settings } : {}),
        ...(node.name !== undefined ? { name: node.name } : {}),
        ...(node.disabled ? { disabled: true } : {}),
      },
    })),
    edges: document.edges.map((edge) => ({
      id: edge.id,
      type: EDGE_TYPE,
      source: edge.source,
      target: edge.target,
      ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
    })),
  };
}

/**
 * The document the canvas shows. Node and edge order is kept, so issue paths such as
 * `nodes.2.config.url` point back at canvas items by index.
 */
export function flowToDocument(
  base: Pick<WorkflowDocument, "name" | "settings" | "pinData">,
  nodes: readonly EditorNode[],
  edges: readonly EditorEdge[],
  notes: readonly NoteNode[] = [],
): WorkflowDocument {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // Pins of deleted nodes go with them.
  const pins = Object.entries(base.pinData ?? {}).filter(([id]) => byId.has(id));
  return {
    version: WORKFLOW_FORMAT_VERSION,
    name: base.name,
    nodes: nodes.map(toDocumentNode),
    edges: edges.map((edge) => toDocumentEdge(edge, byId.get(edge.source))),
    ...withSettings(compactWorkflowSettings(base.settings)),
    ...(notes.length ? { notes: notes.map(toStickyNote) } : {}),
    ...(pins.length ? { pinData: Object.fromEntries(pins) } : {}),
  };
}

/** Sticky notes as canvas nodes, drawn under the workflow's nodes. */
export function notesToFlow(notes: readonly StickyNote[] = []): NoteNode[] {
  return notes.map((note) => ({ id: note.id, type: NOTE_TYPE, position: { ...note.position }, width: note.width, height: note.height, zIndex: -1, data: { text: note.text, color: note.color } }));
}

function toStickyNote(node: NoteNode): StickyNote {
  return {
    id: node.id,
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    width: Math.round(node.width ?? node.measured?.width ?? 240),
    height: Math.round(node.height ?? node.measured?.height ?? 160),
    text: node.data.text,
    color: node.data.color,
  };
}

function toDocumentNode(node: EditorNode): WorkflowNode {
  const { type, typeVersion, config, settings, name, disabled } = node.data;
  return {
    id: node.id,
    type,
    ...(typeVersion !== undefined ? { typeVersion } : {}),
    ...(name ? { name } : {}),
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    config,
    ...withSettings(compactNodeSettings(settings)),
    ...(disabled ? { disabled: true } : {}),
  };
}

function withSettings<T>(settings: T | undefined): { settings?: T } {
  return settings ? { settings } : {};
}

/**
 * The handle is left out when it is the source's only output (where it says nothing). A handle
 * the source no longer has (an error output after onError changed) is kept, so it is flagged.
 */
function toDocumentEdge(edge: EditorEdge, source: EditorNode | undefined): WorkflowEdge {
  const outputs = source ? nodeOutputs(source.data) : [];
  const redundant = outputs.length === 1 && edge.sourceHandle === outputs[0].id;
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(edge.sourceHandle && !redundant ? { sourceHandle: edge.sourceHandle } : {}),
  };
}

/** A key-order independent text form of a document, to tell whether the canvas differs from what was saved. */
export function documentFingerprint(document: WorkflowDocument): string {
  return canonicalize(document) ?? "";
}

/** Like documentFingerprint, but blind to node positions and sticky notes: what validation depends on. */
export function structureFingerprint(document: WorkflowDocument): string {
  return canonicalize({ ...document, notes: undefined, nodes: document.nodes.map(({ position: _position, ...node }) => node) }) ?? "";
}
