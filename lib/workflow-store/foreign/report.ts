import type { StickyNote, WorkflowDocument } from "@/lib/document/schema";
import { nodeIdSlug } from "@/lib/editor/node-id";

/**
 * What an import from another tool's format did, node by node: converted, left out (with why),
 * or converted with something a person should check. Nothing is dropped without a line here, and
 * the same list is kept on the canvas as a sticky note so it outlives the import dialog.
 */
export interface ImportReport {
  source: "n8n" | "workflow-kit";
  converted: { name: string; from: string; id: string; type: string }[];
  unsupported: { name: string; type: string; reason: string }[];
  review: { node: string; message: string }[];
}

export interface ForeignImport {
  document: WorkflowDocument;
  report: ImportReport;
}

/** Node ids from names: letters, digits and _, unique, as the document requires. */
export function idMaker(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const base = nodeIdSlug(name.normalize("NFKD"));
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    return id;
  };
}

const SOURCE_NAMES: Record<ImportReport["source"], string> = { n8n: "n8n", "workflow-kit": "Inngest workflow-kit" };

/** A sticky note listing what to check and what was left out, placed above the imported nodes; none when there is nothing to say. */
export function reportNote(report: ImportReport, nodes: WorkflowDocument["nodes"]): StickyNote | null {
  if (!report.unsupported.length && !report.review.length) return null;
  const lines = [
    `**Imported from ${SOURCE_NAMES[report.source]}.** Check these before publishing:`,
    "",
    ...report.unsupported.map((u) => `- Not imported: **${u.name}** (${u.type}): ${u.reason}`),
    ...report.review.map((r) => `- **${r.node}**: ${r.message}`),
  ];
  const minX = Math.min(0, ...nodes.map((n) => n.position.x));
  const minY = Math.min(0, ...nodes.map((n) => n.position.y));
  return { id: "import_report", position: { x: minX, y: minY - 260 }, width: 520, height: 220, text: lines.join("\n").slice(0, 20_000), color: "yellow" };
}
