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

/**
 * A quick layered layout for generated documents (AI drafts, imports): a column per step of
 * distance from `root` along the edges, a row per node in document order within a column.
 */
export function layeredPositions(nodeIds: readonly string[], edges: readonly { source: string; target: string }[], root: string | undefined, top = 120): Map<string, XYPosition> {
  const depth = new Map<string, number>(root ? [[root, 0]] : []);
  for (let changed = true, rounds = 0; changed && rounds < nodeIds.length; rounds++) {
    changed = false;
    for (const edge of edges) {
      const from = depth.get(edge.source);
      if (from !== undefined && (depth.get(edge.target) ?? -1) < from + 1) {
        depth.set(edge.target, from + 1);
        changed = true;
      }
    }
  }
  const rows = new Map<number, number>();
  return new Map(
    nodeIds.map((id) => {
      const column = depth.get(id) ?? 0;
      const row = rows.get(column) ?? 0;
      rows.set(column, row + 1);
      return [id, { x: 80 + column * 280, y: top + row * 160 }];
    }),
  );
}

function snap(value: number): number {
  return Math.round(value / GRID) * GRID;
}
