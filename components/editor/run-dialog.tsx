"use client";

import { Loader2, Play, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { initialPayloadText, testRunPayload } from "@/lib/editor/run-payload";
import { receivesWebhooks } from "@/lib/nodes";
import { WebhookDetails } from "./webhook-details";

interface RunDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: { type: string; config: Record<string, unknown> };
  webhookUrl?: string;
  active: boolean;
  /** The editor holds changes that are not published (saved as a draft or not saved at all). */
  unpublished: boolean;
  publishedVersion: number;
  problemCount: number;
  /** Publishes the changes first when asked, starts the run on the published version and opens it. */
  onRun: (payload: unknown, publishFirst: boolean) => Promise<void>;
}

export function RunDialog({ open, onOpenChange, ...props }: RunDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl grid-cols-[minmax(0,1fr)]">
        <RunForm {...props} />
      </DialogContent>
    </Dialog>
  );
}

function RunForm({ trigger, webhookUrl, active, unpublished, publishedVersion, problemCount, onRun }: Omit<RunDialogProps, "open" | "onOpenChange">) {
  const id = useId();
  const [text, setText] = useState(() => initialPayloadText(trigger.type, trigger.config));
  const [running, setRunning] = useState(false);
  const publishable = unpublished && problemCount === 0;
  const [publishFirst, setPublishFirst] = useState(publishable);
  const webhook = receivesWebhooks(trigger.type);

  let parsed: { ok: true; value: unknown } | { ok: false; error: string };
  try {
    parsed = { ok: true, value: text.trim() ? JSON.parse(text) : {} };
  } catch (error) {
    parsed = { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
  }

  const run = async () => {
    if (!parsed.ok) return;
    setRunning(true);
    try {
      await onRun(testRunPayload(trigger.type, parsed.value), publishable && publishFirst);
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>{webhook ? "Run from a webhook" : "Run workflow"}</DialogTitle>
        <DialogDescription>
          {webhook
            ? "Other systems start this workflow by calling its URL. You can also start a test run here; the payload arrives as the request body."
            : "Start a run now. The payload becomes trigger in expressions."}
        </DialogDescription>
      </DialogHeader>

      {webhook && <WebhookDetails webhookUrl={webhookUrl} active={active} />}

      <div className="space-y-1.5">
        <Label htmlFor={id}>{webhook ? "Test payload (request body, JSON)" : "Payload (JSON)"}</Label>
        <Textarea
          id={id}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={webhook ? 5 : 8}
          autoFocus
          spellCheck={false}
          aria-invalid={parsed.ok ? undefined : true}
          aria-describedby={`${id}-status`}
          className="font-mono text-xs leading-relaxed"
        />
        <p id={`${id}-status`} role={parsed.ok ? undefined : "alert"} className={parsed.ok ? "text-xs text-muted-foreground" : "text-xs font-medium text-destructive"}>
          {parsed.ok ? versionNote(unpublished, publishable && publishFirst, publishedVersion) : parsed.error}
        </p>
      </div>

      {publishable && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={publishFirst} onChange={(e) => setPublishFirst(e.target.checked)} className="size-4 accent-primary" />
          Publish my changes first
        </label>
      )}
      {unpublished && !publishable && (
        <p role="alert" className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 p-2.5 text-xs">
          <TriangleAlert className="mt-px size-3.5 shrink-0 text-warning" />
          Your changes have {problemCount === 1 ? "a problem" : `${problemCount} problems`} and cannot be published yet: this run uses the published version (v{publishedVersion}) without them.
        </p>
      )}

      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button onClick={run} disabled={!parsed.ok || running}>
          {running ? <Loader2 className="animate-spin" /> : <Play />}
          {webhook ? "Start test run" : "Run workflow"}
        </Button>
      </DialogFooter>
    </>
  );
}

function versionNote(unpublished: boolean, publishFirst: boolean, version: number): string {
  if (!unpublished) return `Runs the published version (v${version}).`;
  return publishFirst ? `Your changes are published as v${version + 1}, then the run starts.` : `Runs the published version (v${version}), without your changes.`;
}
