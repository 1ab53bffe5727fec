"use client";

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { Plus, TriangleAlert, X } from "lucide-react";
import { memo, useRef, useState } from "react";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { EditorEdge } from "@/lib/editor/types";
import { ERROR_OUTPUT } from "@/lib/document/outputs";
import { useDeleteEdge, useEdgeIssues, useOpenCreator } from "./editor-context";

const ARROW = 7;
const ERROR_PATH_COLOR = "color-mix(in oklab, var(--destructive) 65%, var(--xy-edge-stroke))";

/**
 * A connection: a bezier curve ending in an arrow (targets are always on a node's left, so the
 * arrow always points right). Red with a warning when it has an issue; hovered or selected, it
 * offers "+" (insert a node here) and delete, as n8n does.
 * Connections from a node's error output are dashed and tinted red: the path runs take on failure.
 */
function WorkflowEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, sourceHandleId, selected }: EdgeProps<EditorEdge>) {
  const issues = useEdgeIssues(id);
  const deleteEdge = useDeleteEdge();
  const openCreator = useOpenCreator();
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX: targetX - ARROW, targetY, targetPosition });
  const invalid = issues.length > 0;
  const errorPath = sourceHandleId === ERROR_OUTPUT.id;
  const color = invalid ? "var(--destructive)" : selected ? "var(--primary)" : errorPath ? ERROR_PATH_COLOR : "var(--xy-edge-stroke)";
  // Hover spans the curve and its buttons: leaving one for the other must not hide them.
  const [hovered, setHovered] = useState(false);
  const hideTimer = useRef<number | undefined>(undefined);
  const show = () => {
    window.clearTimeout(hideTimer.current);
    setHovered(true);
  };
  const hide = () => {
    hideTimer.current = window.setTimeout(() => setHovered(false), 250);
  };
  const tools = selected || hovered;

  return (
    <>
      <g onMouseEnter={show} onMouseLeave={hide}>
        <BaseEdge
          id={id}
          path={path}
          interactionWidth={24}
          style={{ stroke: color, strokeWidth: selected || invalid ? 2 : 1.5, strokeDasharray: errorPath && !invalid ? "6 4" : undefined }}
        />
        <path d={`M ${targetX - ARROW} ${targetY - ARROW / 1.6} L ${targetX} ${targetY} L ${targetX - ARROW} ${targetY + ARROW / 1.6} Z`} style={{ fill: color }} />
      </g>
      {(invalid || tools) && (
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan absolute flex items-center gap-1"
            // Just above the curve, so a click on the curve itself still selects it.
            style={{ transform: `translate(-50%, -100%) translate(${labelX}px, ${labelY - 6}px)`, pointerEvents: "all", zIndex: 1001 }}
            onMouseEnter={show}
            onMouseLeave={hide}
          >
            {invalid && (
              <Tooltip>
                <TooltipTrigger asChild>
                  <span role="img" aria-label="Connection problem" className="flex size-6 items-center justify-center rounded-full border border-destructive bg-card text-destructive shadow-sm">
                    <TriangleAlert className="size-3.5" />
                  </span>
                </TooltipTrigger>
                <TooltipContent>{issues.join(" · ")}</TooltipContent>
              </Tooltip>
            )}
            {tools && openCreator && (
              <button
                type="button"
                aria-label="Add a node into this connection"
                onClick={() => openCreator({ edgeId: id })}
                className="flex size-6 items-center justify-center rounded-full border bg-card text-muted-foreground shadow-sm transition-colors hover:border-primary hover:text-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                <Plus className="size-3.5" />
              </button>
            )}
            {tools && (
              <button
                type="button"
                aria-label="Delete connection"
                onClick={() => deleteEdge(id)}
                className="flex size-6 items-center justify-center rounded-full border bg-card text-muted-foreground shadow-sm transition-colors hover:border-destructive hover:text-destructive focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                <X className="size-3.5" />
              </button>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const WorkflowEdge = memo(WorkflowEdgeView);
