"use client";

import { CircleAlert, Loader2, Rocket } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { PublishOutcome } from "./use-workflow-document";

interface PublishDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  publishedVersion: number;
  publishing: boolean;
  onPublish: (message?: string) => Promise<PublishOutcome>;
}

/** "Publish": an optional note on what changed, then the draft becomes the version triggers and runs use; a refusal lists each problem by node. */
export function PublishDialog({ open, onOpenChange, ...props }: PublishDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg grid-cols-[minmax(0,1fr)]">{open && <PublishForm {...props} onDone={() => onOpenChange(false)} />}</DialogContent>
    </Dialog>
  );
}

function PublishForm({ publishedVersion, publishing, onPublish, onDone }: Omit<PublishDialogProps, "open" | "onOpenChange"> & { onDone: () => void }) {
  const id = useId();
  const [message, setMessage] = useState("");
  const [refused, setRefused] = useState<{ refusal: string; problems: { path: string; message: string }[] } | null>(null);

  const publish = async () => {
    const outcome = await onPublish(message.trim() || undefined);
    if (outcome.published) onDone();
    else if (outcome.refusal) setRefused({ refusal: outcome.refusal, problems: outcome.problems });
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>Publish changes</DialogTitle>
        <DialogDescription>
          Your changes become v{publishedVersion + 1}: webhooks, schedules, polls, events, queue messages and manual runs use it from now on. Runs already going keep the version they started with.
        </DialogDescription>
      </DialogHeader>
      <div className="space-y-1.5">
        <Label htmlFor={id}>What changed (optional)</Label>
        <Textarea
          id={id}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void publish();
          }}
          rows={3}
          maxLength={500}
          autoFocus
          placeholder="e.g. Retry the CRM call and alert #ops on failure"
        />
      </div>
      {refused && (
        <div role="alert" className="space-y-1.5 rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm">
          <p className="flex items-center gap-2 font-medium text-destructive">
            <CircleAlert className="size-4 shrink-0" />
            {refused.refusal}
          </p>
          <ul className="list-disc space-y-0.5 pl-6 text-xs">
            {refused.problems.map((problem) => (
              <li key={`${problem.path}|${problem.message}`}>{problem.message}</li>
            ))}
          </ul>
        </div>
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button onClick={() => void publish()} disabled={publishing}>
          {publishing ? <Loader2 className="animate-spin" /> : <Rocket />}
          Publish
        </Button>
      </DialogFooter>
    </>
  );
}
