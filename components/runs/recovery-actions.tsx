"use client";

import { History, RotateCcw, StepForward } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useCan } from "@/lib/client/access";
import type { RunDetail } from "@/lib/client/types";
import { CancelRunButton } from "./cancel-run-button";
import { useReplayRun } from "./queries";

/** What an operator (editor or owner) can do with the run: cancel it while it runs; afterwards replay it from the failed step, or rerun it. */
export function RecoveryActions({ run }: { run: RunDetail }) {
  const { recovery } = run;
  const canEdit = useCan("editor");
  if (!canEdit) return null;
  return (
    <>
      {recovery.canCancel && <CancelRunButton runId={run.id} />}
      {recovery.canReplay && <ReplayButton run={run} />}
      {recovery.canRerun && <RerunButton run={run} />}
    </>
  );
}

function ReplayButton({ run }: { run: RunDetail }) {
  const [open, setOpen] = useState(false);
  const replay = useReplayRun(run.id, "replay");
  const from = run.recovery.replayFrom;
  const name = (nodeId: string) => run.steps.find((s) => s.nodeId === nodeId)?.nodeName || nodeId;
  // A cancelled run has no failed step: it is resumed from the step it stopped at.
  const failed = run.status === "failed";
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button onClick={() => setOpen(true)}>
        <StepForward />
        {failed ? "Replay from failed step" : "Resume from where it stopped"}
      </Button>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            {failed ? "Replay" : "Resume"} from {from ? <span className="font-mono">{from}</span> : failed ? "the failed step" : "where it stopped"}?
          </DialogTitle>
          <DialogDescription>
            A new run starts with the same trigger data and workflow version.{" "}
            {run.recovery.reuse.length ? (
              <>
                It reuses the recorded results of {run.recovery.reuse.length} completed {run.recovery.reuse.length === 1 ? "step" : "steps"} instead of running them again, then runs{" "}
                {from ? <span className="font-mono">{from}</span> : "the failed step"} and everything after it.
              </>
            ) : failed ? (
              "No step before the failure completed, so every step runs again."
            ) : (
              "No step completed before it was cancelled, so every step runs again."
            )}{" "}
            This run stays as it is.
          </DialogDescription>
        </DialogHeader>
        {run.recovery.reuse.length > 0 && (
          <div className="rounded-lg border bg-muted/40 px-3 py-2 text-sm">
            <p className="mb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">Not run again</p>
            <p className="wrap-anywhere">{run.recovery.reuse.map(name).join(" → ")}</p>
          </div>
        )}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Keep as is</Button>
          </DialogClose>
          <Button onClick={() => replay.mutate()} disabled={replay.isPending}>
            {replay.isPending ? "Starting…" : "Replay"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function RerunButton({ run }: { run: RunDetail }) {
  const [open, setOpen] = useState(false);
  const rerun = useReplayRun(run.id, "rerun");
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <Button variant="outline" onClick={() => setOpen(true)}>
        {run.status === "completed" ? <RotateCcw /> : <History />}
        Rerun
      </Button>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rerun with the same trigger data?</DialogTitle>
          <DialogDescription>
            A new run of version {run.workflowVersion} starts with this run&apos;s trigger payload and runs every step again, including steps that call other systems. This run stays as it is.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Keep as is</Button>
          </DialogClose>
          <Button onClick={() => rerun.mutate()} disabled={rerun.isPending}>
            {rerun.isPending ? "Starting…" : "Rerun"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
