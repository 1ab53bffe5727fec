"use client";

import { Background, BackgroundVariant, ControlButton, Controls, getViewportForBounds, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, type Connection, type FinalConnectionState, type FitViewOptions, type Node, type NodeChange, type NodeTypes, type EdgeTypes, type Viewport } from "@xyflow/react";
import { Keyboard, LayoutGrid, MousePointerClick, StickyNote } from "lucide-react";
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { CATEGORY_STYLES } from "@/components/node-category-style";
import { connectionError } from "@/lib/editor/connections";
import { GRID, NODE_HEIGHT, NODE_WIDTH } from "@/lib/editor/placement";
import { NOTE_TYPE, type EditorEdge, type EditorNode, type NoteNode } from "@/lib/editor/types";
import { nodeDefinitionOf } from "@/lib/nodes";
import type { WorkflowGraph } from "./use-workflow-graph";
import { WorkflowEdge } from "./workflow-edge";
import { StickyNoteNode } from "./sticky-note";
import { WorkflowNode } from "./workflow-node";

const nodeTypes: NodeTypes = { workflow: WorkflowNode, note: StickyNoteNode };
const edgeTypes: EdgeTypes = { workflow: WorkflowEdge };
const DELETE_KEYS = ["Backspace", "Delete"];
/** Shift+click (as in n8n) and Ctrl/Cmd+click add a node to the selection. */
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];
// Props React Flow copies into its store whenever they change identity: kept constant, so a
// re-render of the editor (every drag frame) does not update the store and every node's selectors.
const SNAP_GRID: [number, number] = [GRID, GRID];
const MIN_ZOOM = 0.2;
const FIT_VIEW_OPTIONS: FitViewOptions = { padding: 0.12, maxZoom: 1 };
const DEFAULT_EDGE_OPTIONS = { type: "workflow" };
/**
 * Above this many nodes only nodes and edges inside the viewport are in the DOM: thousands of
 * off-screen nodes make every pan and drag frame lay out and paint far more than is seen.
 */
const CULL_ABOVE_NODES = 100;
/** The longest pause between the two clicks of a double-click on a node. */
const DOUBLE_CLICK_MS = 600;
/**
 * The view that fits `nodes` into a pane of this size, from their positions and the usual node
 * size: the canvas opens there instead of at zoom 1, so its first render already draws what the
 * fitted view shows (and no more), before React Flow has measured anything.
 */
function fittedViewport(nodes: readonly Node[], width: number, height: number): Viewport {
  const xs = nodes.map((n) => n.position.x);
  const ys = nodes.map((n) => n.position.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  const bounds = { x, y, width: Math.max(...xs) + NODE_WIDTH - x, height: Math.max(...ys) + NODE_HEIGHT - y };
  return getViewportForBounds(bounds, width, height, MIN_ZOOM, FIT_VIEW_OPTIONS.maxZoom ?? 1, FIT_VIEW_OPTIONS.padding ?? 0.1);
}

const minimapColor = (node: Node) => (node.type === NOTE_TYPE ? "var(--muted)" : CATEGORY_STYLES[nodeDefinitionOf((node as EditorNode).data)?.category ?? "action"].minimap);

interface WorkflowCanvasProps {
  graph: WorkflowGraph;
  canvasRef: React.RefObject<HTMLDivElement | null>;
  /** A palette item is being dragged over the canvas. */
  dropTarget: boolean;
  /** The inspector takes room next to the canvas; the overview map would cover nodes. */
  narrow: boolean;
  /** Viewers look: nodes can be selected and inspected, not moved, connected or deleted. */
  readOnly: boolean;
  /** Lays out the workflow (or the selection) left to right. */
  onTidyUp: () => void;
  onAddNote: () => void;
  onShowShortcuts: () => void;
  /** Double-click: the node view. */
  onOpenNode: (nodeId: string) => void;
  /** Right-click on a workflow node (with its id) or on the empty canvas. */
  onContextMenu: (at: { x: number; y: number }, nodeId?: string) => void;
  /** Drawn over the canvas (the canvas search). */
  overlay?: React.ReactNode;
}

export function WorkflowCanvas({ graph, canvasRef, dropTarget, narrow, readOnly, onTidyUp, onAddNote, onShowShortcuts, onOpenNode, onContextMenu, overlay }: WorkflowCanvasProps) {
  // React Flow fits the view once nodes first appear; on an empty workflow that would be the first drop.
  const [fitOnLoad] = useState(graph.nodes.length > 0);
  // The canvas mounts once its pane is measured, at the view that fits the workflow.
  const [openingView, setOpeningView] = useState<Viewport | null>(fitOnLoad ? null : { x: 0, y: 0, zoom: 1 });
  useLayoutEffect(() => {
    if (openingView || !canvasRef.current) return;
    const pane = canvasRef.current.getBoundingClientRect();
    setOpeningView(fittedViewport(graph.nodes, pane.width, pane.height));
  }, [openingView, canvasRef, graph.nodes]);
  const { fitView } = useReactFlow();
  // React Flow's own fit runs before every node is measured (the view ended at zoom 1 on the
  // trigger): fit again once all are, one frame later so the canvas has its final width.
  const nodesInitialized = useNodesInitialized();
  const [fittedOnOpen, setFittedOnOpen] = useState(!fitOnLoad);
  if (nodesInitialized && !fittedOnOpen) setFittedOnOpen(true);
  const fitOnce = useEffectEvent(() => void fitView(FIT_VIEW_OPTIONS));
  useEffect(() => {
    if (!fittedOnOpen || !fitOnLoad) return;
    const frame = requestAnimationFrame(fitOnce);
    return () => cancelAnimationFrame(frame);
  }, [fittedOnOpen, fitOnLoad]);
  // Shift+1 fits the whole workflow into view, as in n8n.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.shiftKey || event.ctrlKey || event.metaKey || event.altKey || event.code !== "Digit1") return;
      if (event.target instanceof HTMLElement && (event.target.isContentEditable || event.target.matches("input, textarea, select"))) return;
      event.preventDefault();
      void fitView({ ...FIT_VIEW_OPTIONS, duration: 200 });
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [fitView]);
  // Callbacks that read the graph through a ref keep their identity while nodes move (see SNAP_GRID).
  const latest = useRef(graph);
  useEffect(() => {
    latest.current = graph;
  });
  const isValidConnection = useCallback((connection: Connection | EditorEdge) => latest.current.isValidConnection(connection), []);
  // Double-click opens the node view. The first click opens the inspector, which can cover the
  // node (or pan it away) before the second click: so a double-click counts where the first click
  // on a node was, whatever the second one lands on.
  const openNode = useRef(onOpenNode);
  const lastNodeClick = useRef<{ id: string; x: number; y: number; at: number } | null>(null);
  useEffect(() => {
    openNode.current = onOpenNode;
  });
  const onNodeClick = useCallback((event: React.MouseEvent, node: EditorNode | NoteNode) => {
    lastNodeClick.current = node.type === NOTE_TYPE ? null : { id: node.id, x: event.clientX, y: event.clientY, at: event.timeStamp };
  }, []);
  const contextMenu = useRef(onContextMenu);
  useEffect(() => {
    contextMenu.current = onContextMenu;
  });
  const onNodeContextMenu = useCallback((event: React.MouseEvent, node: EditorNode | NoteNode) => {
    if (node.type === NOTE_TYPE) return;
    event.preventDefault();
    contextMenu.current({ x: event.clientX, y: event.clientY }, node.id);
  }, []);
  const onPaneContextMenu = useCallback((event: MouseEvent | React.MouseEvent) => {
    event.preventDefault();
    contextMenu.current({ x: event.clientX, y: event.clientY });
  }, []);
  // Sticky notes are nodes of their own type under the workflow's nodes; their changes go to their own state.
  const { notes, nodes, onNodesChange: onWorkflowNodesChange, onNotesChange } = graph;
  const canvasNodes = useMemo<(EditorNode | NoteNode)[]>(() => (notes.length ? [...notes, ...nodes] : nodes), [notes, nodes]);
  const onNodesChange = useCallback(
    (changes: NodeChange<EditorNode | NoteNode>[]) => {
      const noteIds = new Set(latest.current.notes.map((n) => n.id));
      const isNote = (change: NodeChange<EditorNode | NoteNode>) => ("id" in change ? noteIds.has(change.id) : change.item.type === NOTE_TYPE);
      const forNotes = changes.filter(isNote) as NodeChange<NoteNode>[];
      const forNodes = changes.filter((c) => !isNote(c)) as NodeChange<EditorNode>[];
      if (forNotes.length) onNotesChange(forNotes);
      if (forNodes.length) onWorkflowNodesChange(forNodes);
    },
    [onNotesChange, onWorkflowNodesChange],
  );
  useEffect(() => {
    const onDoubleClick = (event: MouseEvent) => {
      const last = lastNodeClick.current;
      if (!last || event.timeStamp - last.at > DOUBLE_CLICK_MS || Math.abs(event.clientX - last.x) > 8 || Math.abs(event.clientY - last.y) > 8) return;
      lastNodeClick.current = null;
      window.getSelection()?.removeAllRanges();
      openNode.current(last.id);
    };
    window.addEventListener("dblclick", onDoubleClick);
    return () => window.removeEventListener("dblclick", onDoubleClick);
  }, []);
  /** A refused connection says why, instead of silently snapping back. */
  const explainRefusal = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.fromNode || !state.toNode || !state.fromHandle) return;
    const outgoing = state.fromHandle.type === "source";
    const connection = outgoing
      ? { source: state.fromNode.id, target: state.toNode.id, sourceHandle: state.fromHandle.id }
      : { source: state.toNode.id, target: state.fromNode.id, sourceHandle: state.toHandle?.id };
    const reason = connectionError(connection, latest.current.nodes, latest.current.edges);
    if (reason) toast.error(reason, { id: "connection-refused" });
  }, []);

  return (
    <div ref={canvasRef} className="relative min-w-0 flex-1 bg-canvas">
      {openingView && (
        <ReactFlow<EditorNode | NoteNode, EditorEdge>
          defaultViewport={openingView}
          nodes={canvasNodes}
          edges={graph.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={graph.onEdgesChange}
          onConnect={graph.connect}
          onConnectEnd={explainRefusal}
          onNodeClick={onNodeClick}
          onNodeContextMenu={onNodeContextMenu}
          onPaneContextMenu={onPaneContextMenu}
          zoomOnDoubleClick={false}
          isValidConnection={isValidConnection}
          defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
          deleteKeyCode={readOnly ? null : DELETE_KEYS}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          edgesReconnectable={!readOnly}
          snapToGrid
          snapGrid={SNAP_GRID}
          connectionRadius={28}
          onlyRenderVisibleElements={graph.nodes.length > CULL_ABOVE_NODES}
          fitView={fitOnLoad}
          fitViewOptions={FIT_VIEW_OPTIONS}
          minZoom={MIN_ZOOM}
          maxZoom={2}
          aria-label="Workflow canvas"
        >
          <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} />
          <Controls showInteractive={false} position="bottom-left">
            {!readOnly && (
              <ControlButton onClick={onAddNote} aria-label="Add sticky note" title="Add a sticky note (Shift+S)">
                <StickyNote />
              </ControlButton>
            )}
            {!readOnly && (
              <ControlButton onClick={onTidyUp} aria-label="Tidy up" title="Tidy up (Shift+Alt+T): lay out the workflow, or the selected nodes, left to right">
                <LayoutGrid />
              </ControlButton>
            )}
            <ControlButton onClick={onShowShortcuts} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
              <Keyboard />
            </ControlButton>
          </Controls>
          {!narrow && graph.nodes.length > 0 && (
            <MiniMap
              pannable
              zoomable
              position="bottom-right"
              ariaLabel="Workflow overview"
              className="rounded-md! border! shadow-sm!"
              style={{ width: 160, height: 104 }}
              maskColor="color-mix(in oklab, var(--muted) 75%, transparent)"
              nodeBorderRadius={6}
              nodeColor={minimapColor}
            />
          )}
        </ReactFlow>
      )}
      {graph.nodes.length === 0 && <EmptyCanvasHint />}
      {overlay}
      {dropTarget && <div aria-hidden className="pointer-events-none absolute inset-0 z-10 bg-primary/5 ring-2 ring-primary/40 ring-inset" />}
    </div>
  );
}

function EmptyCanvasHint() {
  return (
    <div className="pointer-events-none absolute inset-0 flex items-center justify-center p-6">
      <div className="flex max-w-xs flex-col items-center gap-3 rounded-xl border border-dashed bg-card/80 px-6 py-8 text-center backdrop-blur-sm">
        <span className="flex size-10 items-center justify-center rounded-full bg-primary/10 text-primary">
          <MousePointerClick className="size-5" />
        </span>
        <div className="space-y-1">
          <p className="font-medium">Drag a trigger from the left to start</p>
          <p className="text-sm text-muted-foreground">Every workflow starts with one trigger: run it by hand, or from a webhook.</p>
        </div>
      </div>
    </div>
  );
}
