"use client";

import { CheckCircle2, ChevronRight, Loader2, RotateCcw, StepForward, TriangleAlert } from "lucide-react";
import type { ReplayVersion } from "@/lib/runs/replay";
import Link from "next/link";
import { Collapsible } from "radix-ui";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan } from "@/lib/client/access";
import { describeError } from "@/lib/client/api";
import { cn } from "@/lib/utils";
import type { FailedGroup } from "@/lib/client/types";
import { useBulkReplay, useFailedGroups, useWorkflowOptions } from "./queries";
import { RelativeTime } from "./relative-time";
import { shortRunId } from "./run-status";

const ALL = "all";
/** The API takes at most this many runs per bulk replay. */
const BULK_LIMIT = 500;

const groupKey = (g: FailedGroup) => `${g.workflowId}|${g.nodeId ?? ""}|${g.message}`;

/**
 * The dead-letter queue: failed runs nobody replayed yet, grouped by workflow, failed step and
 * error message with counts. Select runs (or whole groups) and replay them in one action; the
 * replays are queued and start a few at a time.
 */
export function FailedRunsView() {
  const [workflowId, setWorkflowId] = useState<string | undefined>();
  const workflows = useWorkflowOptions();
  const failed = useFailedGroups(workflowId);
  const bulk = useBulkReplay();
  const canEdit = useCan("editor");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  /** Runs handed to the replay queue, shown as queued until their replay starts and they leave the list. */
  const [queued, setQueued] = useState<ReadonlySet<string>>(new Set());
  const groups = failed.data?.groups ?? [];
  const present = new Set(groups.flatMap((g) => g.runs.map((r) => r.id)));

  // Runs that left the queue (replayed) are no longer selected or queued.
  const presentKey = [...present].sort().join(",");
  const lastKey = useRef(presentKey);
  useEffect(() => {
    if (lastKey.current === presentKey) return;
    lastKey.current = presentKey;
    const ids = new Set(presentKey ? presentKey.split(",") : []);
    setSelected((current) => new Set([...current].filter((id) => ids.has(id))));
    setQueued((current) => new Set([...current].filter((id) => ids.has(id))));
  }, [presentKey]);

  const toggle = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) if (on && !queued.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  const [version, setVersion] = useState<ReplayVersion>("published");
  const replay = (mode: "replay" | "rerun") => {
    const runIds = [...selected].slice(0, BULK_LIMIT);
    bulk.mutate(
      { runIds, mode, version },
      {
        onSuccess: (result) => {
          setQueued((current) => new Set([...current, ...result.queued]));
          setSelected(new Set());
          const skipped = result.skipped.length ? ` ${result.skipped.length} skipped (${result.skipped[0].reason.toLowerCase()}${result.skipped.length > 1 ? ", …" : ""}).` : "";
          toast.success(`Queued ${result.queued.length} ${mode === "replay" ? "replays" : "reruns"}: they start a few at a time.${skipped}`);
        },
      },
    );
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="failed-filter-workflow" className="text-xs text-muted-foreground">
            Workflow
          </Label>
          <Select value={workflowId ?? ALL} onValueChange={(value) => setWorkflowId(value === ALL ? undefined : value)}>
            <SelectTrigger id="failed-filter-workflow" className="w-64">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>All workflows</SelectItem>
              {(workflows.data ?? []).map((workflow) => (
                <SelectItem key={workflow.id} value={workflow.id}>
                  {workflow.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        {canEdit && (
        <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Bulk actions">
          <span className="text-sm text-muted-foreground tabular-nums" aria-live="polite">
            {selected.size ? `${selected.size} selected${selected.size > BULK_LIMIT ? ` (the first ${BULK_LIMIT} are queued)` : ""}` : "Select runs to replay"}
          </span>
          <Select value={version} onValueChange={(value) => setVersion(value as ReplayVersion)}>
            <SelectTrigger className="w-56" aria-label="Replay on">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="published">On the published version</SelectItem>
              <SelectItem value="run">On each run&apos;s own version</SelectItem>
            </SelectContent>
          </Select>
          <Button variant="outline" disabled={!selected.size || bulk.isPending} onClick={() => replay("rerun")}>
            <RotateCcw />
            Rerun
          </Button>
          <Button disabled={!selected.size || bulk.isPending} onClick={() => replay("replay")}>
            {bulk.isPending ? <Loader2 className="animate-spin" /> : <StepForward />}
            Replay selected{selected.size ? ` (${selected.size})` : ""}
          </Button>
        </div>
        )}
      </div>

      {failed.isPending ? (
        <div className="space-y-3" aria-busy="true" aria-label="Loading failed runs">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-20 w-full rounded-xl" />
          ))}
        </div>
      ) : failed.isError ? (
        <EmptyState
          icon={TriangleAlert}
          title="Could not load failed runs"
          description={describeError(failed.error)}
          action={
            <Button variant="outline" onClick={() => failed.refetch()}>
              Try again
            </Button>
          }
        />
      ) : !groups.length ? (
        <EmptyState
          icon={CheckCircle2}
          title="No failed runs waiting"
          description={workflowId ? "Every failed run of this workflow was replayed or rerun." : "Every failed run was replayed or rerun. New failures show up here, grouped by their error."}
          action={
            <Button asChild variant="outline">
              <Link href="/runs">See all runs</Link>
            </Button>
          }
        />
      ) : (
        <ul aria-label="Failure groups" className="space-y-3">
          {groups.map((group) => (
            <FailedGroupCard key={groupKey(group)} group={group} selected={selected} queued={queued} onToggle={toggle} />
          ))}
        </ul>
      )}
    </div>
  );
}

interface FailedGroupCardProps {
  group: FailedGroup;
  selected: ReadonlySet<string>;
  queued: ReadonlySet<string>;
  onToggle: (ids: string[], on: boolean) => void;
}

function FailedGroupCard({ group, selected, queued, onToggle }: FailedGroupCardProps) {
  const [open, setOpen] = useState(false);
  const selectable = group.runs.filter((r) => !queued.has(r.id)).map((r) => r.id);
  const chosen = selectable.filter((id) => selected.has(id)).length;
  const queuedCount = group.runs.filter((r) => queued.has(r.id)).length;
  const label = `${group.workflowName}: ${group.message}`;

  return (
    <Collapsible.Root open={open} onOpenChange={setOpen} asChild>
      <li>
        <Card className="overflow-hidden" data-testid="failed-group">
          <div className="flex items-start gap-3 px-4 py-3.5">
            <Checkbox
              label={`Select all ${group.count} runs of “${label}”`}
              checked={selectable.length > 0 && chosen === selectable.length}
              indeterminate={chosen > 0 && chosen < selectable.length}
              disabled={!selectable.length}
              onChange={(on) => onToggle(selectable, on)}
              className="mt-1"
            />
            <Collapsible.Trigger asChild>
              <button type="button" className="group flex min-w-0 flex-1 items-start gap-3 rounded-sm text-left focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none" aria-label={`${open ? "Hide" : "Show"} the runs of “${label}”`}>
                <span className="min-w-0 flex-1 space-y-1">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold">{group.workflowName}</span>
                    {group.nodeId && (
                      <Badge variant="outline" className="font-mono">
                        at {group.nodeId}
                      </Badge>
                    )}
                    <Badge variant="destructive" className="tabular-nums">
                      {group.count} {group.count === 1 ? "run" : "runs"}
                    </Badge>
                    {queuedCount > 0 && (
                      <Badge variant="default">
                        <Loader2 className="animate-spin" aria-hidden />
                        {queuedCount} queued for replay
                      </Badge>
                    )}
                  </span>
                  <span className="line-clamp-2 block font-mono text-sm wrap-anywhere text-destructive">{group.message}</span>
                  <span className="block text-xs text-muted-foreground">
                    {group.lastAt && (
                      <>
                        Last failed <RelativeTime iso={group.lastAt} />
                      </>
                    )}
                    {group.firstAt && group.count > 1 && (
                      <>
                        {" · first "}
                        <RelativeTime iso={group.firstAt} />
                      </>
                    )}
                  </span>
                </span>
                <ChevronRight className={cn("mt-1 size-4 shrink-0 text-muted-foreground transition-transform", open && "rotate-90")} aria-hidden />
              </button>
            </Collapsible.Trigger>
          </div>
          <Collapsible.Content>
            <ul aria-label={`Runs of “${label}”`} className="max-h-80 divide-y overflow-y-auto border-t bg-muted/20">
              {group.runs.map((run) => (
                <li key={run.id} className="flex items-center gap-3 px-4 py-2 pl-11 text-sm">
                  <Checkbox
                    label={`Select run ${shortRunId(run.id)}`}
                    checked={selected.has(run.id)}
                    disabled={queued.has(run.id)}
                    onChange={(on) => onToggle([run.id], on)}
                  />
                  <Link href={`/runs/${run.id}`} className="rounded-sm font-mono text-xs underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
                    run {shortRunId(run.id)}
                  </Link>
                  <RelativeTime iso={run.createdAt} className="text-xs text-muted-foreground" />
                  {queued.has(run.id) && <span className="ml-auto text-xs text-primary italic">queued for replay…</span>}
                </li>
              ))}
              {group.count > group.runs.length && (
                <li className="px-4 py-2 pl-11 text-xs text-muted-foreground">
                  {group.count - group.runs.length} older runs are not listed; replay these first, then the next ones appear.
                </li>
              )}
            </ul>
          </Collapsible.Content>
        </Card>
      </li>
    </Collapsible.Root>
  );
}

function Checkbox({ label, checked, indeterminate = false, disabled, onChange, className }: { label: string; checked: boolean; indeterminate?: boolean; disabled?: boolean; onChange: (checked: boolean) => void; className?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={label}
      checked={checked}
      disabled={disabled}
      onChange={(event) => onChange(event.target.checked)}
      className={cn("size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed disabled:opacity-50", className)}
    />
  );
}
