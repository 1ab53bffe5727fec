import { CATEGORY_STYLES } from "@/components/node-category-style";
import { nodeDefinitionOf } from "@/lib/nodes";
import { cn } from "@/lib/utils";
import type { WorkflowDocument } from "@/lib/document/schema";

/** Canvas units are drawn at this many pixels, so every preview uses the same size of node. */
const PIXELS_PER_UNIT = 0.24;
const NODE = 160;
const PADDING = 24;
const ARROW = 26;

/**
 * A miniature of the workflow's canvas: one tinted icon per node at its position, and the
 * connections between them (true branches green, false and error branches red).
 */
export function FlowPreview({ document, className }: { document: WorkflowDocument; className?: string }) {
  const { nodes, edges } = document;
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const xs = nodes.map((n) => n.position.x);
  const ys = nodes.map((n) => n.position.y);
  const minX = Math.min(...xs) - PADDING;
  const minY = Math.min(...ys) - PADDING;
  const width = Math.max(...xs) + NODE + PADDING - minX;
  const height = Math.max(...ys) + NODE + PADDING - minY;

  return (
    <svg
      role="img"
      aria-label={describeFlow(document)}
      viewBox={`${minX} ${minY} ${width} ${height}`}
      width={width * PIXELS_PER_UNIT}
      height={height * PIXELS_PER_UNIT}
      className={cn("h-auto max-w-full", className)}
    >
      {edges.map((edge) => {
        const source = byId.get(edge.source);
        const target = byId.get(edge.target);
        if (!source || !target) return null;
        const x1 = source.position.x + NODE;
        const y1 = source.position.y + NODE / 2;
        const x2 = target.position.x;
        const y2 = target.position.y + NODE / 2;
        const middle = (x1 + x2) / 2;
        const tone = edge.sourceHandle === "true" ? "text-success" : edge.sourceHandle === "false" || edge.sourceHandle === "error" ? "text-destructive/70" : "text-muted-foreground/60";
        return (
          <g key={edge.id} className={tone}>
            <path d={`M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2 - ARROW} ${y2}`} fill="none" stroke="currentColor" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
            <path d={`M ${x2 - ARROW} ${y2 - ARROW / 2} L ${x2} ${y2} L ${x2 - ARROW} ${y2 + ARROW / 2} Z`} fill="currentColor" />
          </g>
        );
      })}
      {nodes.map((node) => {
        const definition = nodeDefinitionOf(node);
        if (!definition) return null;
        const Icon = definition.icon;
        const { x, y } = node.position;
        return (
          <g key={node.id} className={CATEGORY_STYLES[definition.category].tone}>
            <title>{`${node.name ?? node.id} (${definition.label})`}</title>
            <rect x={x} y={y} width={NODE} height={NODE} rx={36} className="fill-card" />
            <rect x={x} y={y} width={NODE} height={NODE} rx={36} fill="currentColor" fillOpacity={0.12} stroke="currentColor" strokeOpacity={0.45} strokeWidth={1} vectorEffect="non-scaling-stroke" />
            <Icon x={x + NODE / 4} y={y + NODE / 4} size={NODE / 2} aria-hidden />
          </g>
        );
      })}
    </svg>
  );
}

/** "Flow: A → B → C or D", nodes in left-to-right columns. */
function describeFlow(document: WorkflowDocument): string {
  const columns = new Map<number, string[]>();
  for (const node of [...document.nodes].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y)) {
    const name = node.name ?? nodeDefinitionOf(node)?.label ?? node.id;
    columns.set(node.position.x, [...(columns.get(node.position.x) ?? []), name]);
  }
  return `Flow: ${[...columns.values()].map((names) => names.join(" or ")).join(" → ")}`;
}
