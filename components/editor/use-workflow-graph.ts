"use client";

import { useEdgesState, useNodesState, useReactFlow, type Connection, type XYPosition } from "@xyflow/react";
import { useCallback, useRef, useState } from "react";
import { connectionError, newEdgeId } from "@/lib/editor/connections";
import { documentToFlow, notesToFlow } from "@/lib/editor/convert";
import { nextNodeId, renameNode } from "@/lib/editor/node-id";
import { renamedOutputs } from "@/lib/editor/outputs";
import { insertConnected, type InsertTarget } from "@/lib/editor/insert";
import { placeNode } from "@/lib/editor/placement";
import { EDGE_TYPE, NODE_TYPE, NOTE_TYPE, type EditorEdge, type EditorNode, type EditorNodeData, type NoteNode, type NoteNodeData } from "@/lib/editor/types";
import { newNodeData, type NodePreset } from "@/lib/editor/new-node";
import { isTriggerType, type OutputHandle } from "@/lib/nodes";
import { nodeOutputs } from "@/lib/document/outputs";
import { WORKFLOW_FORMAT_VERSION, type WorkflowDocument } from "@/lib/document/schema";
import type { Clip } from "@/lib/editor/clipboard";

/**
 * The canvas graph (React Flow nodes and edges), the workflow name, settings and pinned data, with every edit
 * the editor makes to them. Must be used inside a ReactFlowProvider.
 */
const NOTE_SIZE = { width: 260, height: 160 };

export function useWorkflowGraph(initial: WorkflowDocument) {
  const [initialFlow] = useState(() => documentToFlow(initial));
  const [initialNotes] = useState(() => notesToFlow(initial.notes));
  const [nodes, setNodes, onNodesChange] = useNodesState<EditorNode>(initialFlow.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState<EditorEdge>(initialFlow.edges);
  const [notes, setNotes, onNotesChange] = useNodesState<NoteNode>(initialNotes);
  const [name, setName] = useState(initial.name);
  const [settings, setSettings] = useState(initial.settings);
  const [pinData, setPinData] = useState(initial.pinData);
  /** Each node's outputs when its config was last valid: a case being retyped passes through invalid states. */
  const lastOutputs = useRef(new Map<string, OutputHandle[]>());
  const { screenToFlowPosition, deleteElements } = useReactFlow<EditorNode, EditorEdge>();

  /** Adds a node of `type` centred on a screen point, selected so the inspector opens on it. */
  const addNode = useCallback(
    (type: string, screenPoint: XYPosition, preset?: NodePreset) => {
      const data = newNodeData(type, preset);
      if (!data) return;
      setNodes((current) => {
        const node: EditorNode = {
          id: nextNodeId(type, current.map((n) => n.id), preset?.idBase),
          type: NODE_TYPE,
          position: placeNode(screenToFlowPosition(screenPoint), current),
          data,
          selected: true,
        };
        return [...current.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
      });
      setEdges((current) => current.map((e) => (e.selected ? { ...e, selected: false } : e)));
    },
    [screenToFlowPosition, setNodes, setEdges],
  );

  /** Updates a node's data; connections from an output that was renamed (a switch case) move to the new name. */
  const updateNodeData = useCallback(
    (id: string, update: (data: EditorNodeData) => EditorNodeData) => {
      const node = nodes.find((n) => n.id === id);
      if (!node) return;
      const data = update(node.data);
      setNodes((current) => current.map((n) => (n.id === id ? { ...n, data } : n)));

      const current = nodeOutputs(node.data);
      if (current.length) lastOutputs.current.set(id, current);
      const after = nodeOutputs(data);
      const renames = after.length ? renamedOutputs(lastOutputs.current.get(id) ?? [], after) : new Map<string, string>();
      if (!renames.size) return;
      setEdges((edgesNow) =>
        edgesNow.map((e) => (e.source === id && e.sourceHandle && renames.has(e.sourceHandle) ? { ...e, sourceHandle: renames.get(e.sourceHandle) } : e)),
      );
    },
    [nodes, setNodes, setEdges],
  );

  /** Keeps `output` as the node's fixed test data, or drops it (`undefined`). */
  const pinNode = useCallback((id: string, output: unknown) => {
    setPinData((current) => {
      const { [id]: _dropped, ...rest } = current ?? {};
      const next = output === undefined ? rest : { ...rest, [id]: output };
      return Object.keys(next).length ? next : undefined;
    });
  }, []);

  const renameNodeId = useCallback(
    (from: string, to: string) => {
      setPinData((current) => {
        if (!current || !(from in current)) return current;
        const { [from]: pinned, ...rest } = current;
        return { ...rest, [to]: pinned };
      });
      const known = lastOutputs.current.get(from);
      if (known) lastOutputs.current.set(to, known);
      lastOutputs.current.delete(from);
      const renamed = renameNode(nodes, edges, from, to);
      setNodes(renamed.nodes);
      setEdges(renamed.edges);
    },
    [nodes, edges, setNodes, setEdges],
  );

  const deleteNode = useCallback((id: string) => void deleteElements({ nodes: [{ id }] }), [deleteElements]);
  const deleteEdge = useCallback((id: string) => void deleteElements({ edges: [{ id }] }), [deleteElements]);

  /** Selects one node or edge and nothing else (an empty target clears the selection). */
  const select = useCallback(
    (target: { nodeId?: string; edgeId?: string }) => {
      setNodes((current) => current.map((n) => ({ ...n, selected: !target.edgeId && n.id === target.nodeId })));
      setEdges((current) => current.map((e) => ({ ...e, selected: e.id === target.edgeId })));
      setNotes((current) => (current.some((n) => n.selected) ? current.map((n) => (n.selected ? { ...n, selected: false } : n)) : current));
    },
    [setNodes, setEdges, setNotes],
  );

  const isValidConnection = useCallback((connection: Connection | EditorEdge) => connectionError(connection, nodes, edges) === null, [nodes, edges]);

  const connect = useCallback(
    (connection: Connection) => {
      setEdges((current) => {
        if (connectionError(connection, nodes, current)) return current;
        const edge: EditorEdge = { id: newEdgeId(connection, current), type: EDGE_TYPE, source: connection.source, target: connection.target };
        if (connection.sourceHandle) edge.sourceHandle = connection.sourceHandle;
        return [...current, edge];
      });
    },
    [nodes, setEdges],
  );

  /** Puts a whole document on the canvas (undo, redo); nodes that are still there stay selected. */
  const replaceDocument = useCallback(
    (document: WorkflowDocument) => {
      const flow = documentToFlow(document);
      setNodes((current) => {
        const selected = new Set(current.filter((n) => n.selected).map((n) => n.id));
        return flow.nodes.map((n) => (selected.has(n.id) ? { ...n, selected: true } : n));
      });
      setEdges(flow.edges);
      setNotes(notesToFlow(document.notes));
      setName(document.name);
      setSettings(document.settings);
      setPinData(document.pinData);
    },
    [setNodes, setEdges, setNotes],
  );

  /** Adds pasted nodes and their edges (ids already free, lib/editor/clipboard.ts), selected alone. */
  const insertClip = useCallback(
    (clip: Clip) => {
      const flow = documentToFlow({ version: WORKFLOW_FORMAT_VERSION, name: "", nodes: clip.nodes, edges: clip.edges });
      setNodes((current) => [...current.map((n) => (n.selected ? { ...n, selected: false } : n)), ...flow.nodes.map((n) => ({ ...n, selected: true }))]);
      setEdges((current) => [...current.map((e) => (e.selected ? { ...e, selected: false } : e)), ...flow.edges]);
    },
    [setNodes, setEdges],
  );

  const selectAll = useCallback(() => {
    setNodes((current) => current.map((n) => (n.selected ? n : { ...n, selected: true })));
    setEdges((current) => current.map((e) => (e.selected ? e : { ...e, selected: true })));
  }, [setNodes, setEdges]);

  /** Key D: disables the selected nodes, or enables them when all of them are disabled already. Triggers cannot be disabled. */
  const toggleDisabledSelection = useCallback(() => {
    setNodes((current) => {
      const chosen = current.filter((n) => n.selected && !isTriggerType(n.data.type));
      if (!chosen.length) return current;
      const disable = chosen.some((n) => !n.data.disabled);
      return current.map((n) => {
        if (!chosen.includes(n)) return n;
        const data = { ...n.data };
        if (disable) data.disabled = true;
        else delete data.disabled;
        return { ...n, data };
      });
    });
  }, [setNodes]);

  /** Adds a node of `type` connected in place (after an output, or into a connection), selected alone. */
  const addNodeConnected = useCallback(
    (type: string, target: InsertTarget, preset?: NodePreset) => {
      const data = newNodeData(type, preset);
      if (!data) return;
      const node: EditorNode = {
        id: nextNodeId(type, nodes.map((n) => n.id), preset?.idBase),
        type: NODE_TYPE,
        position: { x: 0, y: 0 },
        data,
        selected: true,
      };
      const result = insertConnected(nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), edges.map((e) => (e.selected ? { ...e, selected: false } : e)), node, target);
      if (!result) return;
      setNodes(result.nodes);
      setEdges(result.edges);
    },
    [nodes, edges, setNodes, setEdges],
  );

  /** Adds a sticky note centred on a screen point, selected. */
  const addNote = useCallback(
    (screenPoint: XYPosition) => {
      const centre = screenToFlowPosition(screenPoint);
      setNotes((current) => {
        const taken = new Set([...current.map((n) => n.id), ...nodes.map((n) => n.id)]);
        let index = 1;
        while (taken.has(`note_${index}`)) index += 1;
        const note: NoteNode = {
          id: `note_${index}`,
          type: NOTE_TYPE,
          position: { x: Math.round(centre.x - NOTE_SIZE.width / 2), y: Math.round(centre.y - NOTE_SIZE.height / 2) },
          ...NOTE_SIZE,
          zIndex: -1,
          selected: true,
          data: { text: "", color: "yellow" },
        };
        return [...current.map((n) => (n.selected ? { ...n, selected: false } : n)), note];
      });
      setNodes((current) => current.map((n) => (n.selected ? { ...n, selected: false } : n)));
    },
    [screenToFlowPosition, setNotes, setNodes, nodes],
  );

  const updateNote = useCallback(
    (id: string, data: Partial<NoteNodeData>) => setNotes((current) => current.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...data } } : n))),
    [setNotes],
  );

  /** Moves nodes to new positions at once (tidy-up): one change, so one undo step. */
  const moveNodes = useCallback(
    (positions: ReadonlyMap<string, XYPosition>) => {
      setNodes((current) => current.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)));
    },
    [setNodes],
  );

  return {
    insertClip,
    selectAll,
    toggleDisabledSelection,
    moveNodes,
    addNodeConnected,
    notes,
    onNotesChange,
    addNote,
    updateNote,
    replaceDocument,
    nodes,
    edges,
    name,
    setName,
    settings,
    setSettings,
    pinData,
    pinNode,
    onNodesChange,
    onEdgesChange,
    addNode,
    updateNodeData,
    renameNodeId,
    deleteNode,
    deleteEdge,
    select,
    isValidConnection,
    connect,
  };
}

export type WorkflowGraph = ReturnType<typeof useWorkflowGraph>;
