"use client";

import { History, RotateCcw, StepForward } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useCan } from "@/lib/client/access";
import type { RunDetail } from "@/lib/client/types";
import type { ReplayVersion } from "@/lib/runs/replay";
import { cn } from "@/lib/utils";
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

/** The version a replay or rerun runs on: the published one (default after a fix) or the run's own. Shown only when they differ. */
function VersionChoice({ run, version, onChange }: { run: RunDetail; version: ReplayVersion; onChange: (version: ReplayVersion) => void }) {
  const published = run.recovery.published;
  if (!published) return null;
  const options: { value: ReplayVersion; label: string; hint: string }[] = [
    { value: "published", label: `The published version (v${published.version})`, hint: "With your fix: changed steps and everything after them run on it." },
    { value: "run", label: `The version this run used (v${run.workflowVersion})`, hint: "Exactly as before, without later changes." },
  ];
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium">Run on</legend>
      {options.map((option) => (
        <label key={option.value} className={cn("flex cursor-pointer items-start gap-2.5 rounded-lg border p-2.5 text-sm", version === option.value && "border-primary bg-primary/5")}>
          <input type="radio" name="replay-version" value={option.value} checked={version === option.value} onChange={() => onChange(option.value)} className="mt-0.5 accent-primary" />
          <span>
            <span className="block font-medium">{option.label}</span>
            <span className="block text-xs text-muted-foreground">{option.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function ReplayButton({ run }: { run: RunDetail }) {
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState<ReplayVersion>(run.recovery.published ? "published" : "run");
  const replay = useReplayRun(run.id, "replay");
  const onPublished = version === "published" && run.recovery.published;
  const plan = onPublished ? { from: run.recovery.published!.replayFrom, reuse: run.recovery.published!.reuse } : { from: run.recovery.replayFrom, reuse: run.recovery.reuse };
  const from = plan.from;
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
            A new run starts with the same trigger data{onPublished ? ` on version ${run.recovery.published!.version}` : " and workflow version"}.{" "}
            {plan.reuse.length ? (
              <>
                It reuses the recorded results of {plan.reuse.length} completed {plan.reuse.length === 1 ? "step" : "steps"} instead of running them again, then runs{" "}
                {from ? <span className="font-mono">{from}</span> : "the failed step"} and everything after it.
              </>
            ) : failed ? (
              "No step before the failure can be reused, so every step runs again."
            ) : (
              "No step completed before it was cancelled, so every step runs again."
            )}{" "}
            This run stays as it is.
          </DialogDescription>
        </DialogHeader>
        <VersionChoice run={run} version={version} onChange={setVersion} />
        {plan.reuse.length > 0 && (
          <div className="rounded-lg border bg-muted/40 px-3 py-2 text-sm" data-testid="replay-reused">
            <p className="mb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">Not run again</p>
            <p className="wrap-anywhere">{plan.reuse.map(name).join(" → ")}</p>
          </div>
        )}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Keep as is</Button>
          </DialogClose>
          <Button onClick={() => replay.mutate(version)} disabled={replay.isPending}>
            {replay.isPending ? "Starting…" : "Replay"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function RerunButton({ run }: { run: RunDetail }) {
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState<ReplayVersion>(run.recovery.published ? "published" : "run");
  const rerun = useReplayRun(run.id, "rerun");
  const shown = version === "published" && run.recovery.published ? run.recovery.published.version : run.workflowVersion;
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
            A new run of version {shown} starts with this run&apos;s trigger payload and runs every step again, including steps that call other systems. This run stays as it is.
          </DialogDescription>
        </DialogHeader>
        <VersionChoice run={run} version={version} onChange={setVersion} />
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Keep as is</Button>
          </DialogClose>
          <Button onClick={() => rerun.mutate(version)} disabled={rerun.isPending}>
            {rerun.isPending ? "Starting…" : "Rerun"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
