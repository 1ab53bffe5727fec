"use client";

import { useReactFlow } from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { useCan } from "@/lib/client/access";
import { api, describeError } from "@/lib/client/api";
import type { WorkflowDetail } from "@/lib/client/types";
import type { Problem } from "@/lib/editor/issues";
import { nodeSample, type RunData } from "@/lib/editor/sample-data";
import type { InsertTarget } from "@/lib/editor/insert";
import type { NodePreset } from "@/lib/editor/new-node";
import { rememberNodeType } from "@/lib/editor/recent-nodes";
import { tidyPositions } from "@/lib/editor/tidy";
import { nodeOutputs } from "@/lib/document/outputs";
import { nodeDefinitionOf, isTriggerType, MAIN_OUTPUT } from "@/lib/nodes";
import { loopBodies } from "@/lib/document/loops";
import { agentToolsOf } from "@/lib/document/agent-tools";
import { CanvasContextMenu, type ContextMenuAction } from "./canvas-context-menu";
import { CanvasSearch } from "./canvas-search";
import { DragPreview } from "./drag-preview";
import { NodeCreator } from "./node-creator";
import { EditorContext } from "./editor-context";
import { EditorTopBar } from "./editor-top-bar";
import { NodeDataPanel } from "./node-data-panel";
import { NodeView } from "./node-view";
import { NodePalette } from "./node-palette";
import { PublishDialog } from "./publish-dialog";
import { RunDialog } from "./run-dialog";
import { SelectedNodeInspector } from "./selected-node-inspector";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { DescribeChangesDialog } from "./describe-changes-dialog";
import { VersionHistoryDialog } from "./version-history";
import { useActiveToggle } from "./use-active-toggle";
import { useCanvasClipboard } from "./use-clipboard";
import { useDocumentHistory } from "./use-document-history";
import { useOutputShapes } from "./use-output-shapes";
import { usePaletteDrag } from "./use-palette-drag";
import { useSelectionInView } from "./use-selection-in-view";
import { useLastRunData } from "./use-last-run";
import { useUnsavedChangesGuard } from "./use-unsaved-changes-guard";
import { useWorkflowDocument } from "./use-workflow-document";
import { useWorkflowGraph } from "./use-workflow-graph";
import { WorkflowCanvas } from "./workflow-canvas";
import { WorkflowSettingsDialog } from "./workflow-settings-dialog";
import { useWorkflowQuery } from "./workflow-query";

/** The editor for one workflow: top bar, palette, canvas and inspector. Needs a ReactFlowProvider. */
export function WorkflowEditor({ initial }: { initial: WorkflowDetail }) {
  const workflowId = initial.id;
  const router = useRouter();
  const saved = useWorkflowQuery(workflowId).data ?? initial;
  // The editor opens the draft when there is one: unpublished work is where the user left off.
  const graph = useWorkflowGraph(initial.draft ?? initial.document);
  const { document: current, fingerprint, dirty, saving, publishing, issues, save, publish, adopt } = useWorkflowDocument(workflowId, graph);
  const unpublished = saved.draft !== null;
  const history = useDocumentHistory(current, fingerprint, graph.nodes.some((n) => n.dragging), graph.replaceDocument);
  const lastRun = useLastRunData(saved.lastRun?.id);
  const activeToggle = useActiveToggle(workflowId, saved.active);
  const canvasRef = useRef<HTMLDivElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const palette = usePaletteDrag(canvasRef, graph.addNode);
  const canEdit = useCan("editor");
  const clipboard = useCanvasClipboard(graph, current, canvasRef, canEdit);
  const [runOpen, setRunOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const [describeOpen, setDescribeOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // The node view (double-click or Enter on a node): input | settings | output over the canvas.
  const [nodeViewOpen, setNodeViewOpen] = useState(false);

  const { nodes, addNode, addNodeConnected, select, toggleDisabledSelection, moveNodes } = graph;
  const { fitView } = useReactFlow();

  /** Tidy up: the selection when several nodes are selected, else the whole workflow (then fitted into view). */
  const tidyUp = useCallback(async () => {
    const chosen = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
    const only = chosen.size > 1 ? chosen : undefined;
    moveNodes(await tidyPositions(current, only));
    if (!only) requestAnimationFrame(() => void fitView({ padding: 0.12, maxZoom: 1, duration: 200 }));
  }, [nodes, current, moveNodes, fitView]);
  const selectedNodes = nodes.filter((n) => n.selected);
  const selected = selectedNodes.length === 1 ? selectedNodes[0] : null;
  const trigger = nodes.find((n) => isTriggerType(n.data.type));
  useSelectionInView(canvasRef, selected?.id ?? null);
  // Loops depend on node types and connections only; recomputed when those change, not on every drag.
  const loopKey = useMemo(() => JSON.stringify([current.nodes.map((n) => [n.id, n.type]), current.edges.map((e) => [e.source, e.target, e.sourceHandle ?? null])]), [current]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- loopKey is what `current` holds that loops depend on
  const loopOwner = useMemo(() => loopBodies(current).owner, [loopKey]);
  // Agents' tools depend on the agents' names and tool lists only.
  const toolKey = useMemo(() => JSON.stringify(current.nodes.filter((n) => agentToolsOf(n).length).map((n) => [n.id, n.name, agentToolsOf(n)])), [current]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- toolKey is what `current` holds that agent tools depend on
  const agentOfTool = useMemo(() => new Map(current.nodes.flatMap((agent) => agentToolsOf(agent).map((tool) => [tool.nodeId, agent.name || agent.id] as const))), [toolKey]);
  const [creatorTarget, setCreatorTarget] = useState<InsertTarget | null>(null);
  const [menu, setMenu] = useState<{ at: { x: number; y: number }; nodeId?: string } | null>(null);
  const context = useMemo(
    () => ({ issues, deleteEdge: graph.deleteEdge, loopOwner, agentOfTool, ...(canEdit ? { openCreator: setCreatorTarget, updateNote: graph.updateNote } : {}) }),
    [issues, graph.deleteEdge, loopOwner, agentOfTool, canEdit, graph.updateNote],
  );
  const selectedId = selected?.id ?? null;
  const sample = useMemo(() => (selectedId ? nodeSample(current, selectedId, lastRun, workflowId) : null), [current, selectedId, lastRun, workflowId]);
  const pinnedElsewhere = Object.keys(graph.pinData ?? {}).some((id) => id !== selected?.id);
  const shapes = useOutputShapes(current.nodes);
  const nodeData = useMemo(() => sample && { scope: sample.scope, source: describeSource(lastRun, pinnedElsewhere), shapes }, [sample, lastRun, pinnedElsewhere, shapes]);
  const selectedDocumentNode = selected ? current.nodes.find((n) => n.id === selected.id) : undefined;

  // Read through a ref, so the palette's callback (and the memoized palette) stays the same while nodes move.
  const paletteTarget = useRef({ selected, addNodeConnected });
  useEffect(() => {
    paletteTarget.current = { selected, addNodeConnected };
  });
  /** A palette click: after the selected node, connected (as in n8n), or else in the middle of the canvas. */
  const addFromPalette = useCallback(
    (type: string, preset?: NodePreset) => {
      if (!preset) rememberNodeType(type);
      const { selected, addNodeConnected } = paletteTarget.current;
      if (selected && !isTriggerType(type)) {
        addNodeConnected(type, { source: selected.id, sourceHandle: nodeOutputs(selected.data)[0]?.id }, preset);
        return;
      }
      const rect = canvasRef.current?.getBoundingClientRect();
      if (rect) addNode(type, { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }, preset);
    },
    [addNode],
  );

  const { addNote } = graph;
  const addNoteAtCentre = useCallback(() => {
    const rect = canvasRef.current?.getBoundingClientRect();
    if (rect) addNote({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
  }, [addNote]);

  /** The right-click menu's actions: the shortcuts' actions for the node under the pointer, or for the canvas. */
  const menuActions = ({ at, nodeId }: { at: { x: number; y: number }; nodeId?: string }): ContextMenuAction[] => {
    const node = nodeId ? nodes.find((n) => n.id === nodeId) : undefined;
    if (node) {
      const open = { label: "Open", shortcut: "Enter", run: () => setNodeViewOpen(true) };
      if (!canEdit) return [open];
      const trigger = isTriggerType(node.data.type);
      return [
        open,
        { label: "Add a node after it…", run: () => setCreatorTarget({ source: node.id, sourceHandle: nodeOutputs(node.data)[0]?.id }) },
        { label: "Duplicate", shortcut: "Ctrl+D", run: clipboard.duplicateSelection, separated: true },
        { label: "Copy", shortcut: "Ctrl+C", run: clipboard.copySelection },
        ...(trigger ? [] : [{ label: node.data.disabled ? "Enable" : "Disable", shortcut: "D", run: toggleDisabledSelection }]),
        { label: "Delete", shortcut: "Del", run: () => graph.deleteNode(node.id), destructive: true, separated: true },
      ];
    }
    return [
      ...(canEdit
        ? [
            { label: "Add a sticky note", shortcut: "Shift+S", run: () => addNote(at) },
            { label: "Tidy up", shortcut: "Shift+Alt+T", run: () => void tidyUp() },
          ]
        : []),
      { label: "Select all", shortcut: "Ctrl+A", run: graph.selectAll, separated: canEdit },
      { label: "Find a node", shortcut: "Ctrl+F", run: () => setSearchOpen(true) },
      { label: "Fit view", shortcut: "Shift+1", run: () => void fitView({ padding: 0.12, maxZoom: 1, duration: 200 }) },
      { label: "Keyboard shortcuts", shortcut: "?", run: () => setShortcutsOpen(true), separated: true },
    ];
  };

  const chooseInCreator = (type: string) => {
    if (!creatorTarget) return;
    rememberNodeType(type);
    addNodeConnected(type, creatorTarget);
    setCreatorTarget(null);
  };

  const selectProblem = useCallback(
    (problem: Problem) => {
      if (problem.workflowSettings) setSettingsOpen(true);
      else if (problem.nodeId || problem.edgeId) select({ nodeId: problem.nodeId, edgeId: problem.edgeId });
      else nameRef.current?.focus();
    },
    [select],
  );

  const run = async (payload: unknown, publishFirst: boolean) => {
    if (publishFirst && !(await publish()).published) return;
    try {
      const { runId } = await api<{ runId: string }>(`/api/workflows/${encodeURIComponent(workflowId)}/runs`, { method: "POST", body: { payload } });
      toast.success("Run started");
      setRunOpen(false);
      router.push(`/runs/${runId}`);
    } catch (error) {
      toast.error(describeError(error));
    }
  };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.metaKey || event.ctrlKey;
      const key = event.key.toLowerCase();
      if (mod && key === "s") {
        event.preventDefault();
        if (dirty && !saving) void save();
        return;
      }
      // Inside a text field keys type (and the browser's own undo edits the text).
      if (isTextEntry(event.target)) return;
      if (event.key === "Escape" && nodeViewOpen && !document.querySelector("[data-radix-popper-content-wrapper], [role=dialog][data-state=open]")) {
        setNodeViewOpen(false);
        return;
      }
      if (event.key === "Enter" && !mod && selectedId && !nodeViewOpen && (event.target === document.body || canvasRef.current?.contains(event.target as Node))) {
        event.preventDefault();
        setNodeViewOpen(true);
        return;
      }
      if (mod && !event.shiftKey && !event.altKey && key === "f") {
        event.preventDefault();
        setSearchOpen(true);
        return;
      }
      if (event.key === "?" && !mod) {
        event.preventDefault();
        setShortcutsOpen(true);
        return;
      }
      if (!canEdit) return;
      if (event.shiftKey && event.altKey && !mod && event.code === "KeyT") {
        event.preventDefault();
        void tidyUp();
        return;
      }
      if (event.shiftKey && !mod && !event.altKey && event.code === "KeyS") {
        event.preventDefault();
        addNoteAtCentre();
        return;
      }
      if (!mod && !event.altKey && key === "d") {
        event.preventDefault();
        toggleDisabledSelection();
        return;
      }
      if (!mod) return;
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        history.undo();
      } else if ((key === "z" && event.shiftKey) || (key === "y" && !event.shiftKey)) {
        event.preventDefault();
        history.redo();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [dirty, saving, save, canEdit, history, toggleDisabledSelection, tidyUp, nodeViewOpen, selectedId, addNoteAtCentre]);

  useUnsavedChangesGuard(dirty);

  useEffect(() => {
    document.title = `${graph.name.trim() || "Untitled workflow"} · Switchboard`;
  }, [graph.name]);

  return (
    <EditorContext.Provider value={context}>
      <div className="flex h-full flex-col">
        <EditorTopBar
          name={graph.name}
          nameRef={nameRef}
          nameError={issues.workflow[0]}
          onNameChange={graph.setName}
          dirty={dirty}
          saving={saving}
          unpublished={unpublished}
          problems={issues.problems}
          onSelectProblem={selectProblem}
          active={activeToggle.active}
          activeChanging={activeToggle.changing}
          onActiveChange={activeToggle.setActive}
          runBlocker={trigger ? null : "Add a trigger to run the workflow"}
          onRun={() => setRunOpen(true)}
          onSave={() => void save()}
          onPublish={() => setPublishOpen(true)}
          onOpenHistory={() => setHistoryOpen(true)}
          onDescribe={() => setDescribeOpen(true)}
          history={history}
          settingsProblems={[...issues.settings.values()].flat().length}
          onOpenSettings={() => setSettingsOpen(true)}
        />
        <div className="relative flex min-h-0 flex-1">
          {canEdit && <NodePalette hasTrigger={!!trigger} onAdd={addFromPalette} onPointerDown={palette.onPointerDown} isDragClick={palette.isDragClick} />}
          <WorkflowCanvas graph={graph} canvasRef={canvasRef} dropTarget={!!palette.drag?.overCanvas} narrow={!!selected}
            readOnly={!canEdit}
            onTidyUp={() => void tidyUp()}
            onAddNote={addNoteAtCentre}
            onShowShortcuts={() => setShortcutsOpen(true)}
            onContextMenu={(at, nodeId) => {
              if (nodeId && !nodes.find((n) => n.id === nodeId)?.selected) select({ nodeId });
              setMenu({ at, nodeId });
            }}
            onOpenNode={(nodeId) => {
              select({ nodeId });
              setNodeViewOpen(true);
            }}
            overlay={
              searchOpen && (
                <CanvasSearch
                  nodes={current.nodes}
                  onSelect={(nodeId) => {
                    select({ nodeId });
                    setSearchOpen(false);
                  }}
                  onClose={() => setSearchOpen(false)}
                />
              )
            }
          />
          {selected && !nodeViewOpen && sample && selectedDocumentNode && (
            <NodeDataPanel key={`data:${selected.id}`} workflowId={workflowId} node={selectedDocumentNode} sample={sample} onPin={(output) => graph.pinNode(selected.id, output)} />
          )}
          {selected && !nodeViewOpen && (
            <SelectedNodeInspector key={`settings:${selected.id}`} node={selected} graph={graph} issues={issues} nodeData={nodeData} webhookUrl={saved.webhookUrl} active={activeToggle.active} onClose={() => select({})} />
          )}
          {selected && nodeViewOpen && sample && selectedDocumentNode && (
            <NodeView title={selected.data.name || nodeDefinitionOf(selected.data)?.label || selected.data.type} nodeId={selected.id} onClose={() => setNodeViewOpen(false)}>
              <NodeDataPanel key={selected.id} wide workflowId={workflowId} node={selectedDocumentNode} sample={sample} onPin={(output) => graph.pinNode(selected.id, output)}>
                <SelectedNodeInspector
                  key={selected.id}
                  node={selected}
                  graph={graph}
                  issues={issues}
                  nodeData={nodeData}
                  webhookUrl={saved.webhookUrl}
                  active={activeToggle.active}
                  onClose={() => setNodeViewOpen(false)}
                />
              </NodeDataPanel>
            </NodeView>
          )}
        </div>
      </div>
      {palette.drag && <DragPreview drag={palette.drag} />}
      <WorkflowSettingsDialog
        open={settingsOpen}
        onOpenChange={setSettingsOpen}
        workflowId={workflowId}
        settings={graph.settings}
        issues={issues.settings}
        onChange={graph.setSettings}
      />
      {trigger && (
        <RunDialog
          open={runOpen}
          onOpenChange={setRunOpen}
          trigger={trigger.data}
          webhookUrl={saved.webhookUrl}
          active={activeToggle.active}
          unpublished={dirty || unpublished}
          publishedVersion={saved.version}
          problemCount={issues.problems.length}
          onRun={run}
        />
      )}
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
      <CanvasContextMenu at={menu?.at ?? null} label={menu?.nodeId ? `Node ${menu.nodeId}` : "Canvas"} actions={menu ? menuActions(menu) : []} onClose={() => setMenu(null)} />
      <NodeCreator open={creatorTarget !== null} onOpenChange={(open) => !open && setCreatorTarget(null)} placement={describePlacement(creatorTarget, graph.edges)} onChoose={chooseInCreator} />
      <VersionHistoryDialog
        open={historyOpen}
        onOpenChange={setHistoryOpen}
        workflowId={workflowId}
        current={current}
        onRestored={(answer) => adopt(answer.workflow.draft ?? answer.workflow.document)}
      />
      <DescribeChangesDialog open={describeOpen} onOpenChange={setDescribeOpen} current={current} onApply={graph.replaceDocument} />
      <PublishDialog open={publishOpen} onOpenChange={setPublishOpen} publishedVersion={saved.version} publishing={publishing} onPublish={publish} />
    </EditorContext.Provider>
  );
}

/** Where the node creator adds the node, in words. */
function describePlacement(target: InsertTarget | null, edges: readonly { id: string; source: string; target: string }[]): string {
  if (!target) return "";
  if ("edgeId" in target) {
    const edge = edges.find((e) => e.id === target.edgeId);
    return edge ? `Between ${edge.source} and ${edge.target}, connected to both.` : "";
  }
  return `After ${target.source}${target.sourceHandle && target.sourceHandle !== MAIN_OUTPUT.id ? ` · ${target.sourceHandle}` : ""}, connected to it.`;
}

function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches("input, textarea, select"));
}

/** The preview caption: the last run, pinned data of other nodes, or both. */
function describeSource(lastRun: RunData | null, pinnedElsewhere: boolean): string | null {
  if (lastRun && pinnedElsewhere) return "last run and pinned data";
  if (lastRun) return "last run";
  return pinnedElsewhere ? "pinned data" : null;
}
