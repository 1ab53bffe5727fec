"use client";

import { useMutation } from "@tanstack/react-query";
import { Loader2, Sparkles } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { DescribedWorkflow } from "@/lib/ai/describe-workflow";
import { AssistantError } from "@/components/ai/assistant-error";
import { api } from "@/lib/client/api";
import type { WorkflowDocument } from "@/lib/document/schema";

interface DescribeChangesDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  current: WorkflowDocument;
  /** Puts the model's workflow on the canvas: one undoable change, saved only when the user saves. */
  onApply: (document: WorkflowDocument) => void;
}

/** "Describe it" in the editor: the workspace's model changes the workflow on the canvas as described. */
export function DescribeChangesDialog({ open, onOpenChange, ...props }: DescribeChangesDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">{open && <DescribeChangesForm {...props} onDone={() => onOpenChange(false)} />}</DialogContent>
    </Dialog>
  );
}

function DescribeChangesForm({ current, onApply, onDone }: Omit<DescribeChangesDialogProps, "open" | "onOpenChange"> & { onDone: () => void }) {
  const id = useId();
  const [text, setText] = useState("");
  const describe = useMutation({
    mutationFn: () => api<DescribedWorkflow>("/api/workflows/describe", { method: "POST", body: { description: text, current } }),
    onSuccess: (described) => {
      if (described.problems.length) return;
      onApply({ ...described.document, name: current.name, settings: current.settings, pinData: current.pinData, notes: current.notes });
      onDone();
    },
  });
  const problems = describe.data?.problems ?? [];
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        describe.mutate();
      }}
    >
      <DialogHeader>
        <DialogTitle>Describe a change</DialogTitle>
        <DialogDescription>The workspace&apos;s AI model changes this workflow as you describe. You can undo it (Ctrl+Z); nothing is saved or published until you do.</DialogDescription>
      </DialogHeader>
      <div className="space-y-1.5">
        <Label htmlFor={id}>What should change?</Label>
        <Textarea id={id} value={text} onChange={(e) => setText(e.target.value)} rows={4} placeholder="After the lookup, post the order total to #sales in Slack" />
      </div>
      {describe.isError && <AssistantError error={describe.error} className="text-sm" />}
      {problems.length > 0 && (
        <div role="alert" className="space-y-1 text-sm text-destructive">
          <p>The model&apos;s workflow still has problems after {describe.data!.attempts} tries; the canvas was not changed:</p>
          <ul className="list-disc pl-5 text-xs">
            {problems.slice(0, 5).map((p) => (
              <li key={p.path}>
                {p.path}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <DialogFooter>
        <Button type="submit" disabled={text.trim().length < 10 || describe.isPending}>
          {describe.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Sparkles aria-hidden />}
          Change the workflow
        </Button>
      </DialogFooter>
    </form>
  );
}
