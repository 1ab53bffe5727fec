"use client";

import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describeError } from "@/lib/client/api";
import type { WorkflowSummary } from "@/lib/client/types";
import { useDeleteWorkflow } from "./workflow-queries";

export function DeleteWorkflowDialog({
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
  const deleteWorkflow = useDeleteWorkflow();
  // Awaited rather than per-call callbacks: the row, and this dialog with it, leaves the list as soon as the delete succeeds.
  const confirm = async () => {
    try {
      await deleteWorkflow.mutateAsync(workflow.id);
      toast.success(`Deleted “${workflow.name}”`);
      onOpenChange(false);
    } catch (error) {
      toast.error(describeError(error));
    }
  };

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      onCloseAutoFocus={onCloseAutoFocus}
      title={<>Delete “{workflow.name}”?</>}
      description="The workflow, its versions and its run history are deleted for good. Webhook calls to it will stop working."
      confirmLabel="Delete workflow"
      pending={deleteWorkflow.isPending}
      onConfirm={confirm}
    />
  );
}
