"use client";

import { Handle, Position, useStore, type NodeProps, type ReactFlowState } from "@xyflow/react";
import { CircleHelp, FlaskConical, Plus, PowerOff, Recycle, Repeat, Undo2, Wrench } from "lucide-react";
import { Fragment, memo } from "react";
import { NodeBreakerBadge } from "@/components/connections/node-breaker-badge";
import { CATEGORY_STYLES, NODE_RUN_STATUS_STYLES } from "@/components/node-category-style";
import { useNodeRunState } from "@/components/node-run-status";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { CanvasHandle } from "@/lib/editor/outputs";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/editor/placement";
import type { EditorNode } from "@/lib/editor/types";
import { nodeDefinitionOf } from "@/lib/nodes";
import { cn } from "@/lib/utils";
import { useLoopOwner, useNodeIssues, useOpenCreator, useToolOf } from "./editor-context";
import { NodeIssueList } from "./issue-list";
import { useTestedBranch } from "./tested-branches";
import { useNodeHandles } from "./use-node-handles";

const HANDLE = "size-3! rounded-full! border-2! border-card! transition-colors";
// Merged once here rather than by twMerge for every handle of every node on each render.
const HANDLE_CLASS = {
  normal: cn(HANDLE, "bg-muted-foreground! hover:bg-primary!"),
  error: cn(HANDLE, "bg-destructive! hover:bg-destructive/80!"),
  missing: cn(HANDLE, "border-destructive! bg-card!"),
  /** The output a "Test this node" took. */
  tested: cn(HANDLE, "bg-primary! ring-2! ring-primary/40!"),
};
/** Output labels are cut after this many characters; the full name is in the label's title. */
const LABEL_CHARS = 12;
const LABEL_CHAR_PX = 6.1;
/** Vertical room per output handle, so several outputs (a switch's cases) stay apart and readable. */
const OUTPUT_SPACING = 20;
/**
 * Below this zoom a node's details are too small to read: it shows its name in large type and its
 * connection points only, so the hundreds of nodes a zoomed-out view holds are a fraction of the
 * elements to render, lay out and paint (opening and dragging in large workflows).
 */
const COMPACT_BELOW_ZOOM = 0.5;
const zoomedOut = (state: ReactFlowState) => state.transform[2] < COMPACT_BELOW_ZOOM;

/** A workflow node on the canvas: what it is, its id, its connection points and whether it is valid. */
function WorkflowNodeView({ id, data, selected }: NodeProps<EditorNode>) {
  const definition = nodeDefinitionOf(data);
  // On a run's canvas the node shows its step's status in that run instead of editing problems.
  const runState = useNodeRunState(id);
  const runStyle = runState ? (NODE_RUN_STATUS_STYLES[runState.status] ?? NODE_RUN_STATUS_STYLES["not-run"]) : null;
  const editorIssues = useNodeIssues(id);
  const toolOf = useToolOf(id);
  const openCreator = useOpenCreator();
  const issues = runState ? [] : editorIssues;
  const handles = useNodeHandles(id, data);
  const compact = useStore(zoomedOut);
  const loop = useLoopOwner(id);
  // The outputs a "Test this node" took, while the data panel shows that test (not on a run's canvas).
  const testedBranch = useTestedBranch(id);
  const tested = runState ? null : testedBranch;
  const style = CATEGORY_STYLES[definition?.category ?? "action"];
  const Icon = definition?.icon ?? CircleHelp;
  const invalid = issues.length > 0;
  const labelled = handles.length > 1;
  const hasErrorOutput = handles.some((h) => h.error);
  const labelOf = (handle: CanvasHandle) => handle.label || (hasErrorOutput ? "success" : handle.id);
  const connectionId = (data.config as { connectionId?: unknown } | undefined)?.connectionId;
  const longestLabel = Math.max(0, ...handles.map((h) => Math.min(labelOf(h).length, LABEL_CHARS)));

  return (
    <div
      style={{ width: NODE_WIDTH, minHeight: Math.max(NODE_HEIGHT, handles.length * OUTPUT_SPACING + 16) }}
      data-run-status={runState?.status}
      className={cn(
        "group/node relative flex rounded-lg border bg-card text-card-foreground shadow-sm transition-shadow hover:shadow-md",
        invalid && "border-destructive ring-2 ring-destructive/30",
        data.disabled && "border-dashed opacity-60 saturate-0",
        runStyle?.ring,
        selected && "outline-2 outline-offset-2 outline-primary",
      )}
    >
      <span aria-hidden className={cn("shrink-0 rounded-l-[calc(var(--radius)-1px)]", compact ? "w-3" : "w-1", style.accent)} />
      {compact ? (
        <div className="flex min-w-0 flex-1 items-center gap-3 px-3">
          <Icon className="size-8 shrink-0" aria-hidden />
          <span className={cn("truncate text-2xl font-semibold", data.disabled && "line-through")}>{data.name || definition?.label || data.type}</span>
        </div>
      ) : (
        <div
          className="flex min-w-0 flex-1 items-center gap-3 py-2.5 pl-3"
          style={{ paddingRight: labelled ? Math.round(longestLabel * LABEL_CHAR_PX) + 20 : 16 }}
        >
          <span className={cn("flex size-9 shrink-0 items-center justify-center rounded-md", style.tile)}>
            <Icon className="size-4.5" />
          </span>
          <div className="min-w-0">
            <div className={cn("truncate text-sm leading-tight font-medium", data.disabled && "line-through")}>{data.name || definition?.label || data.type}</div>
            {data.disabled && (
              <div className="mt-0.5 flex items-center gap-1 text-[10px] font-semibold text-muted-foreground uppercase" title="Runs pass its input through unchanged">
                <PowerOff aria-hidden className="size-3 shrink-0" />
                Disabled
              </div>
            )}
            <div className="mt-0.5 truncate font-mono text-xs text-muted-foreground">{id}</div>
            {loop && (
              <div className="mt-0.5 flex items-center gap-1 truncate text-[10px] text-muted-foreground" title={`Runs once per item (or batch) of "${loop}", until a Merge collects the results`}>
                <Repeat aria-hidden className="size-3 shrink-0" />
                per item of <span className="font-mono">{loop}</span>
              </div>
            )}
            {toolOf && (
              <div className="mt-0.5 flex items-center gap-1 truncate text-[10px] text-muted-foreground" title={`The AI agent "${toolOf}" may call this node as a tool; it runs only then`}>
                <Wrench aria-hidden className="size-3 shrink-0" />
                tool of <span className="font-medium">{toolOf}</span>
              </div>
            )}
            {data.settings?.compensation && (
              <div className="mt-0.5 flex items-center gap-1 truncate text-[10px] text-muted-foreground" title={`If a later step fails the run, "${data.settings.compensation}" undoes this one`}>
                <Undo2 aria-hidden className="size-3 shrink-0" />
                undo: <span className="font-mono">{data.settings.compensation}</span>
              </div>
            )}
          </div>
        </div>
      )}

      {definition?.category !== "trigger" && <Handle type="target" position={Position.Left} className={HANDLE_CLASS.normal} />}
      {handles.map((handle, i) => {
        const top = `${((i + 1) / (handles.length + 1)) * 100}%`;
        const tone = handle.missing ? "missing" : handle.error ? "error" : "normal";
        const label = labelOf(handle);
        const taken = !!tested?.includes(handle.id);
        return (
          <Fragment key={handle.id}>
            <Handle
              type="source"
              id={handle.id}
              position={Position.Right}
              className={HANDLE_CLASS[taken ? "tested" : tone]}
              style={{ top }}
              data-tested={taken || undefined}
            />
            {openCreator && !runState && !handle.missing && !compact && (
              <button
                type="button"
                aria-label={`Add a node after ${id}${labelled ? ` · ${label}` : ""}`}
                title="Add a node here"
                onClick={(event) => {
                  event.stopPropagation();
                  openCreator({ source: id, sourceHandle: handle.id });
                }}
                className={cn(
                  "nodrag nopan pointer-events-none absolute -right-8 flex size-5 -translate-y-1/2 items-center justify-center rounded-full border bg-card text-muted-foreground opacity-0 shadow-sm transition-opacity group-hover/node:pointer-events-auto group-hover/node:opacity-100 hover:border-primary hover:text-primary focus-visible:pointer-events-auto focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                  selected && "pointer-events-auto opacity-100",
                )}
                style={{ top }}
              >
                <Plus className="size-3" />
              </button>
            )}
            {labelled && !compact && (
              <span
                title={handle.missing ? `“${label}” is no longer an output of this node` : taken ? `${label}: the output the test took` : label}
                data-tested={taken || undefined}
                className={cn(
                  "absolute right-3 -translate-y-1/2 truncate font-mono text-[10px]",
                  tone === "normal" ? "text-muted-foreground" : "text-destructive",
                  handle.missing && "line-through",
                  taken && "rounded bg-primary px-1 font-semibold text-primary-foreground",
                )}
                style={{ top, maxWidth: Math.round(LABEL_CHARS * LABEL_CHAR_PX) }}
              >
                {label}
              </span>
            )}
          </Fragment>
        );
      })}

      {runState && runStyle && !compact && (
        <span
          role="status"
          aria-label={`${runStyle.label}${runState.attempts > 1 ? `, ${runState.attempts} attempts` : ""}${runState.reused ? ", reused from the replayed run" : ""}`}
          className={cn("absolute -top-2.5 right-2 flex items-center gap-1 rounded-full px-1.5 py-px text-[10px] font-semibold shadow-sm", runStyle.chip)}
        >
          {runState.reused && <Recycle className="size-2.5" aria-hidden />}
          {runStyle.label}
          {runState.attempts > 1 && <span className="tabular-nums opacity-80">×{runState.attempts}</span>}
        </span>
      )}

      {tested && tested.length > 0 && !compact && (
        <span
          role="status"
          aria-label={`Test took the ${tested.join(", ")} ${tested.length === 1 ? "branch" : "branches"}`}
          className="absolute -top-2.5 left-2 flex max-w-[70%] items-center gap-1 truncate rounded-full bg-primary px-1.5 py-px text-[10px] font-semibold text-primary-foreground shadow-sm"
        >
          <FlaskConical className="size-2.5 shrink-0" aria-hidden />
          <span className="truncate font-mono">{tested.join(", ")}</span>
        </span>
      )}

      {/* Only nodes with a connection subscribe to the connections query: thousands of idle observers slow opening. */}
      {connectionId !== undefined && !compact && <NodeBreakerBadge connectionId={connectionId} />}
      {invalid && !compact && (
        <Tooltip>
          <TooltipTrigger asChild>
            <span
              role="img"
              aria-label={`${issues.length} ${issues.length === 1 ? "problem" : "problems"}`}
              className="absolute -top-2 -right-2 flex size-5 items-center justify-center rounded-full bg-destructive text-[11px] font-semibold text-destructive-foreground shadow-sm"
            >
              {issues.length}
            </span>
          </TooltipTrigger>
          <TooltipContent side="top">
            <NodeIssueList issues={issues} nodeType={data.type} />
          </TooltipContent>
        </Tooltip>
      )}
    </div>
  );
}

export const WorkflowNode = memo(WorkflowNodeView);
