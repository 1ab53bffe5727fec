"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleSlash } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api, describeError } from "@/lib/client/api";

/** Stops a queued or running run after a confirmation: it starts no further step. */
export function CancelRunButton({ runId }: { runId: string }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => api(`/api/runs/${encodeURIComponent(runId)}/cancel`, { method: "POST" }),
    onSuccess: () => {
      toast.success("Run cancelled");
      setOpen(false);
    },
    onError: (error) => toast.error(`Could not cancel: ${describeError(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["runs"] }),
  });
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        <CircleSlash />
        Cancel run
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Cancel this run?"
        description="No further step starts. A step that is executing right now finishes, but the run does not continue after it."
        cancelLabel="Keep running"
        confirmLabel="Cancel run"
        pending={cancel.isPending}
        onConfirm={() => cancel.mutate()}
      />
    </>
  );
}
