"use client";

import { CircleSlash, Layers, Recycle, RotateCcw, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { RunAction, RunDetail } from "@/lib/client/types";
import { RelativeTime } from "./relative-time";
import { shortRunId } from "./run-status";

const ACTIONS: Record<RunAction["action"], { icon: LucideIcon; label: (action: RunAction) => string }> = {
  cancel: { icon: CircleSlash, label: () => "Cancelled the run" },
  rerun: { icon: RotateCcw, label: () => "Reran it with the same trigger data" },
  replay: { icon: Recycle, label: (a) => `Replayed it from step ${a.details.fromNode ?? "the start"}` },
  "bulk-replay": { icon: Layers, label: (a) => `Queued a ${a.details.mode === "rerun" ? "rerun" : "replay"} with ${Number(a.details.queuedWith ?? 1) - 1} other runs` },
};

/** Who did what to this run, and when: cancels, reruns and replays, each with the run it started. */
export function RunActivity({ run }: { run: RunDetail }) {
  if (!run.actions.length && !run.replays.length) return null;
  const statusOf = new Map(run.replays.map((r) => [r.id, r.status]));
  const listed = new Set(run.actions.map((a) => a.details.newRunId).filter(Boolean));
  const unlisted = run.replays.filter((r) => !listed.has(r.id));
  return (
    <Card className="overflow-hidden">
      <CardHeader className="border-b pb-4">
        <CardTitle className="text-base">Activity</CardTitle>
        <CardDescription>Actions taken on this run, by whom and when, and the runs they started.</CardDescription>
      </CardHeader>
      <ol aria-label="Activity" className="divide-y text-sm">
        {run.actions.map((action) => {
          const { icon: Icon, label } = ACTIONS[action.action] ?? { icon: Recycle, label: () => action.action };
          const client = action.details.client;
          const newRunId = action.details.newRunId;
          return (
            <li key={action.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-3" data-action={action.action}>
              <Icon className="size-4 text-muted-foreground" aria-hidden />
              <span className="font-medium">{label(action)}</span>
              {newRunId ? (
                <NewRun id={newRunId} status={statusOf.get(newRunId)} />
              ) : action.action === "bulk-replay" ? (
                <span className="text-xs text-muted-foreground italic">waiting in the replay queue…</span>
              ) : null}
              <span className="ml-auto flex items-center gap-2 text-xs text-muted-foreground">
                <span title={[client?.ip && `from ${client.ip}`, client?.userAgent].filter(Boolean).join(" · ") || undefined}>
                  by <span className="font-medium text-foreground">{action.actor}</span>
                  {client?.ip && <> from {client.ip}</>}
                </span>
                <span aria-hidden>·</span>
                <RelativeTime iso={action.at} />
              </span>
            </li>
          );
        })}
        {unlisted.map((replay) => (
          <li key={replay.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-3">
            <Recycle className="size-4 text-muted-foreground" aria-hidden />
            <span className="font-medium">{replay.replayFromNode ? `Replayed from step ${replay.replayFromNode}` : "Rerun"}</span>
            <NewRun id={replay.id} status={replay.status} />
            <span className="ml-auto text-xs text-muted-foreground">
              <RelativeTime iso={replay.createdAt} />
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function NewRun({ id, status }: { id: string; status?: RunDetail["status"] }) {
  return (
    <span className="flex items-center gap-2">
      <span className="text-muted-foreground">→</span>
      <Link href={`/runs/${id}`} className="rounded-sm font-mono text-xs underline underline-offset-4 hover:text-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
        run {shortRunId(id)}
      </Link>
      {status && <StatusBadge status={status} />}
    </span>
  );
}
