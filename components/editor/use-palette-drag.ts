"use client";

import { useCallback, useRef, useState } from "react";
import type { NodePreset } from "@/lib/editor/new-node";

/** Pointer travel before a press on a palette item becomes a drag rather than a click. */
const DRAG_THRESHOLD = 5;

export interface PaletteDrag {
  type: string;
  preset?: NodePreset;
  x: number;
  y: number;
  overCanvas: boolean;
}

/**
 * Dragging palette items onto the canvas with pointer events (not HTML5 drag and drop), so the
 * preview follows the pointer exactly and mouse, pen and tests all drag the same way.
 */
export function usePaletteDrag(canvas: React.RefObject<HTMLElement | null>, onDrop: (type: string, point: { x: number; y: number }, preset?: NodePreset) => void) {
  const [drag, setDrag] = useState<PaletteDrag | null>(null);
  const suppressClick = useRef(false);

  const isOverCanvas = useCallback(
    (x: number, y: number) => {
      const rect = canvas.current?.getBoundingClientRect();
      return !!rect && x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
    },
    [canvas],
  );

  const onPointerDown = useCallback(
    (type: string, event: React.PointerEvent, preset?: NodePreset) => {
      if (event.button !== 0 || event.pointerType === "touch") return;
      const origin = { x: event.clientX, y: event.clientY };
      let dragging = false;

      const finish = () => {
        window.removeEventListener("pointermove", move);
        window.removeEventListener("pointerup", up);
        window.removeEventListener("pointercancel", finish);
        window.removeEventListener("keydown", escape);
        document.body.style.removeProperty("user-select");
        document.body.style.removeProperty("cursor");
        setDrag(null);
      };
      const move = (e: PointerEvent) => {
        if (!dragging) {
          if (Math.hypot(e.clientX - origin.x, e.clientY - origin.y) < DRAG_THRESHOLD) return;
          dragging = true;
          // The first pixels of the drag may already have started a text selection.
          window.getSelection()?.removeAllRanges();
          document.body.style.userSelect = "none";
          document.body.style.cursor = "grabbing";
        }
        setDrag({ type, preset, x: e.clientX, y: e.clientY, overCanvas: isOverCanvas(e.clientX, e.clientY) });
      };
      const up = (e: PointerEvent) => {
        finish();
        if (!dragging) return;
        // A drop back onto the item itself would also click it.
        suppressClick.current = true;
        setTimeout(() => (suppressClick.current = false), 0);
        if (isOverCanvas(e.clientX, e.clientY)) onDrop(type, { x: e.clientX, y: e.clientY }, preset);
      };
      const escape = (e: KeyboardEvent) => {
        if (e.key === "Escape") finish();
      };
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up);
      window.addEventListener("pointercancel", finish);
      window.addEventListener("keydown", escape);
    },
    [isOverCanvas, onDrop],
  );

  /** Whether a click on an item should be ignored because it ended a drag. */
  const isDragClick = useCallback(() => suppressClick.current, []);

  return { drag, onPointerDown, isDragClick };
}
