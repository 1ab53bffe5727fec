"use client";

import { AlertTriangle, CheckCircle2, XCircle } from "lucide-react";
import type { ApiIssue } from "@/lib/api/http";
import type { ImportReport } from "@/lib/workflow-store/foreign";

const SOURCES: Record<ImportReport["source"], string> = { n8n: "n8n", "workflow-kit": "Inngest workflow-kit" };

/** What an import from n8n or workflow-kit did: nodes converted, left out (and why), to check, and the draft's problems. */
export function ImportReportView({ report, problems }: { report: ImportReport; problems: ApiIssue[] }) {
  return (
    <div className="grid max-h-80 gap-3 overflow-y-auto text-sm" aria-label="Import report">
      <p className="flex items-start gap-2">
        <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden />
        <span>
          Converted {report.converted.length} {report.converted.length === 1 ? "node" : "nodes"} from {SOURCES[report.source]}, switched off.
          {problems.length > 0 ? ` Saved as a draft with ${problems.length} ${problems.length === 1 ? "problem" : "problems"} to fix before publishing.` : " Ready to publish."}
        </span>
      </p>
      <ReportList title="Not imported" icon={<XCircle className="size-4 text-destructive" aria-hidden />}>
        {report.unsupported.map((u) => (
          <li key={u.name}>
            <strong>{u.name}</strong> <span className="text-muted-foreground">({u.type})</span>: {u.reason}
          </li>
        ))}
      </ReportList>
      <ReportList title="Check these" icon={<AlertTriangle className="size-4 text-amber-600" aria-hidden />}>
        {report.review.map((r) => (
          <li key={`${r.node}:${r.message}`}>
            <strong>{r.node}</strong>: {r.message}
          </li>
        ))}
      </ReportList>
      <ReportList title="To fix before publishing">
        {problems.map((p) => (
          <li key={`${p.path}:${p.message}`}>{p.message}</li>
        ))}
      </ReportList>
      <p className="text-muted-foreground">The same list is on the canvas as a sticky note.</p>
    </div>
  );
}

/** A titled list of the report, left out when it has no items. */
function ReportList({ title, icon, children }: { title: string; icon?: React.ReactNode; children: React.ReactNode[] }) {
  if (!children.length) return null;
  return (
    <section>
      <h3 className="flex items-center gap-1.5 font-medium">
        {icon}
        {title}
      </h3>
      <ul className="ml-6 list-disc">{children}</ul>
    </section>
  );
}
