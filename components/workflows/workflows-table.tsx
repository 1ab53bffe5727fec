import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { WorkflowSummary } from "@/lib/client/types";
import { LastRunCell } from "./last-run-cell";
import { RelativeTime } from "@/components/runs/relative-time";
import { TriggerCell } from "./trigger-cell";
import { useCan } from "@/lib/client/access";
import { WorkflowActionsMenu } from "./workflow-actions-menu";
import { ActiveColumnHeading, WorkflowActiveSwitch } from "./workflow-active-switch";

export function WorkflowsTableHeader() {
  return (
    <TableHeader>
      <TableRow className="hover:bg-transparent">
        <TableHead className="pl-5">Name</TableHead>
        <TableHead>Trigger</TableHead>
        <TableHead>
          <ActiveColumnHeading />
        </TableHead>
        <TableHead className="text-right">Nodes</TableHead>
        <TableHead>Last run</TableHead>
        <TableHead>Updated</TableHead>
        <TableHead className="w-12 pr-5">
          <span className="sr-only">Actions</span>
        </TableHead>
      </TableRow>
    </TableHeader>
  );
}

export function WorkflowsTable({ workflows }: { workflows: WorkflowSummary[] }) {
  const canEdit = useCan("editor");
  return (
    <div className="overflow-hidden rounded-xl border bg-card shadow-sm">
      <Table>
        <WorkflowsTableHeader />
        <TableBody>
          {workflows.map((workflow) => (
            <TableRow key={workflow.id}>
              {/* w-full with max-w-0: the name takes the width the other columns leave, and truncates in it. */}
              <TableCell className="w-full max-w-0 min-w-40 pl-5">
                <Link
                  href={`/workflows/${workflow.id}`}
                  className="block truncate rounded-sm font-medium hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                  title={workflow.name}
                >
                  {workflow.name}
                </Link>
                {workflow.draftSavedAt && (
                  <span className="text-xs text-muted-foreground" title="Saved changes that are not published yet">
                    v{workflow.version} · unpublished changes
                  </span>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <TriggerCell workflow={workflow} />
              </TableCell>
              <TableCell>
                <WorkflowActiveSwitch workflow={workflow} />
              </TableCell>
              <TableCell className="text-right tabular-nums">{workflow.nodeCount}</TableCell>
              <TableCell className="whitespace-nowrap">
                <LastRunCell lastRun={workflow.lastRun} />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <RelativeTime iso={workflow.updatedAt} className="text-muted-foreground" />
              </TableCell>
              <TableCell className="pr-5 text-right">
                {canEdit ? <WorkflowActionsMenu workflow={workflow} /> : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
