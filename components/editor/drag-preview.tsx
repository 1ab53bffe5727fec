"use client";

import { useViewport } from "@xyflow/react";
import { createPortal } from "react-dom";
import { CATEGORY_STYLES } from "@/components/node-category-style";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/editor/placement";
import { getNodeDefinition } from "@/lib/nodes";
import { cn } from "@/lib/utils";
import type { PaletteDrag } from "./use-palette-drag";

/** The node being dragged from the palette, drawn under the pointer at the size it will have on the canvas. */
export function DragPreview({ drag }: { drag: PaletteDrag }) {
  const { zoom } = useViewport();
  const definition = getNodeDefinition(drag.type);
  if (!definition) return null;
  const style = CATEGORY_STYLES[definition.category];
  const scale = drag.overCanvas ? zoom : 0.85;
  return createPortal(
    <div
      aria-hidden
      className={cn("pointer-events-none fixed top-0 left-0 z-50 flex items-center gap-3 rounded-lg border bg-card px-3 shadow-lg", drag.overCanvas ? "opacity-95" : "opacity-70")}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT, transform: `translate(${drag.x - NODE_WIDTH / 2}px, ${drag.y - NODE_HEIGHT / 2}px) scale(${scale})` }}
    >
      <span className={cn("flex size-9 shrink-0 items-center justify-center rounded-md", style.tile)}>
        <definition.icon className="size-4.5" />
      </span>
      <span className="truncate text-sm font-medium">{drag.preset?.name ?? definition.label}</span>
    </div>,
    document.body,
  );
}
