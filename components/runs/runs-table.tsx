"use client";

import { Recycle } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { StatusBadge } from "@/components/status-badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RunSummary } from "@/lib/client/types";
import { cn } from "@/lib/utils";
import { RelativeTime } from "./relative-time";
import { RunAttempts } from "./run-attempts";
import { RunDuration } from "./run-duration";
import { shortRunId } from "./run-status";
import { TriggerKind } from "./trigger-kind";

export function RunsTable({ runs, className }: { runs: RunSummary[]; className?: string }) {
  return (
    <div className={cn("overflow-hidden rounded-xl border bg-card shadow-sm", className)}>
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead className="w-32 pl-4">Status</TableHead>
            <TableHead>Workflow</TableHead>
            <TableHead className="w-32">Trigger</TableHead>
            <TableHead className="w-40">Started</TableHead>
            <TableHead className="w-32">Duration</TableHead>
            <TableHead className="w-28">Attempts</TableHead>
            <TableHead className="w-28 pr-4 text-right">Run</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {runs.map((run) => (
            <RunRow key={run.id} run={run} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** The whole row opens the run; the run id is the same destination as a real link for keyboard users. */
function RunRow({ run }: { run: RunSummary }) {
  const router = useRouter();
  const href = `/runs/${run.id}`;

  function open(event: React.MouseEvent) {
    const target = event.target as HTMLElement;
    if (target.closest("a, button") || window.getSelection()?.toString()) return;
    if (event.metaKey || event.ctrlKey) window.open(href, "_blank", "noopener");
    else router.push(href);
  }

  return (
    <TableRow className="cursor-pointer focus-within:bg-muted/50" onClick={open}>
      <TableCell className="pl-4">
        <StatusBadge status={run.status} />
      </TableCell>
      <TableCell className="max-w-0 font-medium">
        <Link
          href={`/workflows/${run.workflowId}`}
          className="-mx-1 block truncate rounded-sm px-1 underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {run.workflowName}
        </Link>
      </TableCell>
      <TableCell>
        <span className="flex items-center gap-1.5">
          <TriggerKind kind={run.triggerKind} short />
          {run.replayOf && (
            <span title={run.replayFromNode ? `Replay of run ${shortRunId(run.replayOf)} from ${run.replayFromNode}` : `Rerun of run ${shortRunId(run.replayOf)}`}>
              <Recycle className="size-3.5 text-primary" aria-label={run.replayFromNode ? "Replay" : "Rerun"} />
            </span>
          )}
        </span>
      </TableCell>
      <TableCell className="text-muted-foreground">
        <RelativeTime iso={run.startedAt ?? run.createdAt} />
      </TableCell>
      <TableCell>
        <RunDuration run={run} />
      </TableCell>
      <TableCell>
        <RunAttempts attempts={run.attempts} />
      </TableCell>
      <TableCell className="pr-4 text-right">
        <Link
          href={href}
          aria-label={`Run ${shortRunId(run.id)} of ${run.workflowName}`}
          className="-mx-1 rounded-sm px-1 py-0.5 font-mono text-xs text-muted-foreground underline-offset-4 hover:text-foreground hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {shortRunId(run.id)}
        </Link>
      </TableCell>
    </TableRow>
  );
}
