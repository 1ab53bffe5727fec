"use client";

import { Background, BackgroundVariant, Controls, ReactFlow, useNodesState, type EdgeTypes, type NodeTypes } from "@xyflow/react";
import { ArrowLeft, MousePointerClick, TriangleAlert, X } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo } from "react";
import { NODE_RUN_STATUS_STYLES } from "@/components/node-category-style";
import { NodeRunStatusContext, type NodeRunState } from "@/components/node-run-status";
import { WorkflowEdge } from "@/components/editor/workflow-edge";
import { WorkflowNode } from "@/components/editor/workflow-node";
import { StatusBadge } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { describeError } from "@/lib/client/api";
import type { RunDetail, StepDetail } from "@/lib/client/types";
import { documentToFlow } from "@/lib/editor/convert";
import type { EditorNode } from "@/lib/editor/types";
import { GRID } from "@/lib/editor/placement";
import { statesByNode } from "@/lib/runs/step-keys";
import { cn } from "@/lib/utils";
import { isNotFound, useRun, useWorkflowVersion } from "./queries";
import { RunNotFound } from "./run-not-found";
import { shortRunId } from "./run-status";
import { StepData } from "./step-details";
import { StepNode } from "./step-node";
import { attemptLabel } from "./step-timing";

const nodeTypes: NodeTypes = { workflow: WorkflowNode };
const edgeTypes: EdgeTypes = { workflow: WorkflowEdge };
const LEGEND = ["completed", "failed", "running", "retrying", "skipped", "not-run"] as const;

/**
 * A run on its workflow's canvas: the version the run executed, read-only, each node coloured by
 * its step's status in the run; clicking a node shows the step's input, output and error.
 */
export function RunCanvasView({ runId }: { runId: string }) {
  const run = useRun(runId);
  const version = useWorkflowVersion(run.data?.workflowId, run.data?.workflowVersion);

  if (run.isPending || (run.data && version.isPending)) return <CanvasSkeleton />;
  const error = run.error ?? version.error;
  if (error || !run.data || !version.data) {
    return (
      <div className="mx-auto max-w-3xl p-8">
        {isNotFound(run.error) ? (
          <RunNotFound />
        ) : (
          <EmptyState icon={TriangleAlert} title="Could not load the run's workflow" description={describeError(error)} />
        )}
      </div>
    );
  }
  return <RunCanvas run={run.data} document={version.data.document} />;
}

function RunCanvas({ run, document }: { run: RunDetail; document: Parameters<typeof documentToFlow>[0] }) {
  const flow = useMemo(() => documentToFlow(document), [document]);
  const [nodes, setNodes, onNodesChange] = useNodesState<EditorNode>(flow.nodes);
  const edges = useMemo(() => flow.edges.map((edge) => ({ ...edge, selectable: false, focusable: false })), [flow.edges]);
  useEffect(() => setNodes(flow.nodes), [flow.nodes, setNodes]);
  const selectedId = nodes.find((n) => n.selected)?.id ?? null;
  const steps = useMemo(() => new Map(run.steps.map((s) => [s.nodeId, s])), [run.steps]);
  // Loop iterations and compensations show on their node.
  const states = useMemo((): Map<string, NodeRunState> => statesByNode(run.steps), [run.steps]);
  const select = (id: string | null) => setNodes((current) => current.map((n) => ({ ...n, selected: n.id === id })));
  const selectedNode = document.nodes.find((n) => n.id === selectedId);

  return (
    <div className="flex h-dvh flex-col">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b bg-card px-4 py-2.5">
        <Button variant="ghost" size="sm" asChild className="text-muted-foreground">
          <Link href={`/runs/${run.id}`}>
            <ArrowLeft />
            Back to run
          </Link>
        </Button>
        <div className="flex min-w-0 items-center gap-2">
          <h1 className="truncate font-semibold">{run.workflowName}</h1>
          <span className="font-mono text-xs text-muted-foreground">
            run {shortRunId(run.id)} · v{run.workflowVersion}
          </span>
          <StatusBadge status={run.status} />
        </div>
        <ul aria-label="Legend" className="ml-auto flex flex-wrap items-center gap-3 text-xs text-muted-foreground">
          {LEGEND.map((status) => (
            <li key={status} className="flex items-center gap-1.5">
              <span className={cn("size-2.5 rounded-full ring-1 ring-border", NODE_RUN_STATUS_STYLES[status].chip.split(" ")[0])} aria-hidden />
              {NODE_RUN_STATUS_STYLES[status].label}
            </li>
          ))}
        </ul>
      </header>
      <div className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1 bg-canvas">
          <NodeRunStatusContext.Provider value={states}>
            <ReactFlow<EditorNode>
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onPaneClick={() => select(null)}
              nodesDraggable={false}
              nodesConnectable={false}
              edgesFocusable={false}
              deleteKeyCode={null}
              selectionKeyCode={null}
              multiSelectionKeyCode={null}
              fitView
              fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
              minZoom={0.2}
              maxZoom={2}
              snapGrid={[GRID, GRID]}
              aria-label="Run canvas"
            >
              <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} />
              <Controls showInteractive={false} position="bottom-left" />
            </ReactFlow>
          </NodeRunStatusContext.Provider>
          {!selectedNode && (
            <p className="pointer-events-none absolute top-3 left-1/2 flex -translate-x-1/2 items-center gap-2 rounded-full border bg-card/90 px-3 py-1.5 text-xs text-muted-foreground shadow-sm backdrop-blur-sm">
              <MousePointerClick className="size-3.5 text-primary" aria-hidden />
              Click a node to see what its step received and produced in this run
            </p>
          )}
        </div>
        {selectedNode ? (
          <aside aria-label="Step details" className="w-[24rem] shrink-0 overflow-y-auto border-l bg-card">
            <NodePanel nodeId={selectedNode.id} nodeType={selectedNode.type} nodeName={selectedNode.name ?? null} step={steps.get(selectedNode.id)} run={run} onClose={() => select(null)} />
          </aside>
        ) : null}
      </div>
    </div>
  );
}

function NodePanel({ nodeId, nodeType, nodeName, step, run, onClose }: { nodeId: string; nodeType: string; nodeName: string | null; step: StepDetail | undefined; run: RunDetail; onClose: () => void }) {
  return (
    <div className="space-y-4 p-4">
      <div className="flex items-start justify-between gap-2">
        <StepNode nodeId={nodeId} nodeType={nodeType} nodeName={nodeName} />
        <Button variant="ghost" size="icon-sm" onClick={onClose} aria-label="Close step details">
          <X />
        </Button>
      </div>
      {step ? (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={step.status} />
            {step.reused && <Badge variant="outline">Reused from the replayed run</Badge>}
            {step.branch && (
              <Badge variant="outline" className="font-mono">
                → {step.branch}
              </Badge>
            )}
            <Link href={`/runs/${run.id}#step-${nodeId}`} className="ml-auto text-xs text-primary underline-offset-4 hover:underline">
              On the run page
            </Link>
          </div>
          {step.timeline.length > 0 && (
            <ol aria-label="Attempts" className="divide-y rounded-lg border text-xs">
              {step.timeline.map((entry) => (
                <li key={`${entry.kind}-${entry.attempt}`} className="space-y-0.5 px-3 py-2">
                  <span className="flex items-center justify-between gap-2">
                    <span className="font-medium">{attemptLabel(entry)}</span>
                    <StatusBadge status={entry.status} />
                  </span>
                  {entry.error && <span className="block font-mono wrap-anywhere text-destructive">{entry.error.message}</span>}
                </li>
              ))}
            </ol>
          )}
          <div className="space-y-4">
            <StepData step={step} stacked />
          </div>
        </>
      ) : (
        <p className="rounded-lg border border-dashed px-3 py-4 text-sm text-muted-foreground">
          {run.status === "queued" || run.status === "running" ? "This step has not started yet." : "This step did not run: the run ended before it, or its branch was not taken."}
        </p>
      )}
    </div>
  );
}

function CanvasSkeleton() {
  return (
    <div className="flex h-dvh flex-col" aria-busy="true" aria-label="Loading the run's canvas">
      <div className="flex items-center gap-4 border-b px-4 py-3">
        <Skeleton className="h-7 w-28" />
        <Skeleton className="h-5 w-64" />
      </div>
      <div className="flex flex-1">
        <div className="flex-1 bg-canvas" />
        <div className="w-[26rem] border-l" />
      </div>
    </div>
  );
}
