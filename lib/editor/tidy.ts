import type { ElkNode } from "elkjs/lib/elk.bundled.js";
import { nodeOutputs } from "@/lib/document/outputs";
import type { WorkflowDocument } from "@/lib/document/schema";
import { GRID, NODE_HEIGHT, NODE_WIDTH } from "./placement";

/** Room per output on a node with several (a switch's cases), as the canvas draws it. */
const OUTPUT_SPACING = 20;

const LAYOUT_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.layered.spacing.nodeNodeBetweenLayers": "96",
  "elk.spacing.nodeNode": "48",
  "elk.spacing.componentComponent": "96",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  // Keep the document's order where the layout has a free choice, so a second tidy-up changes nothing.
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
};

/**
 * "Tidy up": a layered left-to-right layout (ELK's layered algorithm) of the whole workflow, or of
 * the nodes in `only` and the connections between them. Outputs are ports in their drawn order,
 * so a switch's branches leave it top to bottom. The laid-out nodes keep the top-left corner they
 * had together, snapped to the canvas grid. Returns the new position of each laid-out node.
 */
export async function tidyPositions(document: WorkflowDocument, only?: ReadonlySet<string>): Promise<Map<string, { x: number; y: number }>> {
  const nodes = only ? document.nodes.filter((n) => only.has(n.id)) : document.nodes;
  if (!nodes.length) return new Map();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ports = new Map(nodes.map((n) => [n.id, nodeOutputs(n).map((o) => o.id)]));
  const graph: ElkNode = {
    id: "workflow",
    layoutOptions: LAYOUT_OPTIONS,
    children: nodes.map((node) => {
      const outputs = ports.get(node.id) ?? [];
      return {
        id: node.id,
        width: NODE_WIDTH,
        height: Math.max(NODE_HEIGHT, outputs.length * OUTPUT_SPACING + 16),
        layoutOptions: { "elk.portConstraints": "FIXED_ORDER" },
        ports: outputs.map((output, index) => ({ id: portId(node.id, output), width: 1, height: 1, layoutOptions: { "elk.port.side": "EAST", "elk.port.index": String(index) } })),
      };
    }),
    edges: document.edges
      .filter((e) => byId.has(e.source) && byId.has(e.target))
      .map((edge) => {
        const outputs = ports.get(edge.source) ?? [];
        const handle = edge.sourceHandle ?? outputs[0];
        return { id: edge.id, sources: [handle && outputs.includes(handle) ? portId(edge.source, handle) : edge.source], targets: [edge.target] };
      }),
  };
  // ELK is large (about 1.5 MB): loaded on the first tidy-up, not with the editor.
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const children = (await new ELK().layout(graph)).children ?? [];
  const from = { x: Math.min(...children.map((c) => c.x ?? 0)), y: Math.min(...children.map((c) => c.y ?? 0)) };
  const to = { x: Math.min(...nodes.map((n) => n.position.x)), y: Math.min(...nodes.map((n) => n.position.y)) };
  return new Map(children.map((child) => [child.id, { x: snap(to.x + (child.x ?? 0) - from.x), y: snap(to.y + (child.y ?? 0) - from.y) }]));
}

function portId(nodeId: string, output: string): string {
  return `${nodeId}:${output}`;
}

function snap(value: number): number {
  return Math.round(value / GRID) * GRID;
}
