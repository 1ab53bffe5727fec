"use client";

import { Loader2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { describeError } from "@/lib/client/api";
import type { WorkflowSummary } from "@/lib/client/types";
import { usePatchWorkflow } from "./workflow-queries";
import { serverNameError, workflowNameError } from "./workflow-name";
import { WorkflowNameField } from "./workflow-name-field";

export function RenameWorkflowDialog({
  workflow,
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  workflow: WorkflowSummary;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus: (event: Event) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>{open && <RenameForm workflow={workflow} onDone={() => onOpenChange(false)} />}</DialogContent>
    </Dialog>
  );
}

function RenameForm({ workflow, onDone }: { workflow: WorkflowSummary; onDone: () => void }) {
  const patchWorkflow = usePatchWorkflow();
  const [name, setName] = useState(workflow.name);
  const [serverError, setServerError] = useState<string | null>(null);
  const nameError = serverError ?? workflowNameError(name);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (nameError) return;
    const newName = name.trim();
    if (newName === workflow.name) return onDone();
    patchWorkflow.mutate(
      { id: workflow.id, patch: { name: newName } },
      {
        onSuccess: () => {
          toast.success(`Renamed to “${newName}”`);
          onDone();
        },
        onError: (error) => {
          const fieldError = serverNameError(error);
          if (fieldError) setServerError(fieldError);
          else toast.error(describeError(error));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="grid gap-5" noValidate>
      <DialogHeader>
        <DialogTitle>Rename workflow</DialogTitle>
        <DialogDescription>The new name is saved as a new version of “{workflow.name}”.</DialogDescription>
      </DialogHeader>
      <WorkflowNameField
        value={name}
        onChange={(value) => {
          setName(value);
          setServerError(null);
        }}
        error={nameError}
        autoFocus
      />
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button type="submit" disabled={Boolean(nameError) || patchWorkflow.isPending}>
          {patchWorkflow.isPending && <Loader2 className="animate-spin" aria-hidden />}
          Save
        </Button>
      </DialogFooter>
    </form>
  );
}
