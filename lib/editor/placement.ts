import type { XYPosition } from "@xyflow/react";

/** Rendered node size; the canvas centres new nodes on the drop point with it. */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 64;
export const GRID = 16;

const NUDGE = 32;

/** Top-left position for a node centred on `point`, snapped to the grid and nudged off nodes already there. */
export function placeNode(point: XYPosition, occupied: readonly { position: XYPosition }[]): XYPosition {
  let x = snap(point.x - NODE_WIDTH / 2);
  let y = snap(point.y - NODE_HEIGHT / 2);
  while (occupied.some((n) => Math.abs(n.position.x - x) < NUDGE / 2 && Math.abs(n.position.y - y) < NUDGE / 2)) {
    x += NUDGE;
    y += NUDGE;
  }
  return { x, y };
}

function snap(value: number): number {
  return Math.round(value / GRID) * GRID;
}
