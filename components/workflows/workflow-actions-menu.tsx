"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Copy, Download, Ellipsis, ExternalLink, Inbox, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { api, describeError } from "@/lib/client/api";
import type { WorkflowDetail, WorkflowSummary } from "@/lib/client/types";
import { receivesWebhooks } from "@/lib/nodes";
import { DeleteWorkflowDialog } from "./delete-workflow-dialog";
import { RenameWorkflowDialog } from "./rename-workflow-dialog";
import { workflowsQueryKey } from "./workflow-queries";

/** The "…" menu of a row: open, webhook deliveries, export, duplicate, rename, delete. */
export function WorkflowActionsMenu({ workflow }: { workflow: WorkflowSummary }) {
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const queryClient = useQueryClient();
  const duplicate = useMutation({
    mutationFn: () => api<WorkflowDetail>(`/api/workflows/${workflow.id}/duplicate`, { method: "POST" }),
    onSuccess: (copy) => {
      void queryClient.invalidateQueries({ queryKey: workflowsQueryKey });
      toast.success(`Created “${copy.name}”`, { description: "It is switched off until you turn it on." });
    },
    onError: (error) => toast.error(describeError(error)),
  });
  const closeDialog = (open: boolean) => {
    if (!open) setDialog(null);
  };
  // The dialogs open from a menu that is gone by the time they close; send focus back to the menu button.
  const returnFocus = (event: Event) => {
    event.preventDefault();
    triggerRef.current?.focus();
  };

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild ref={triggerRef}>
          <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${workflow.name}`}>
            <Ellipsis aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem asChild>
            <Link href={`/workflows/${workflow.id}`}>
              <ExternalLink aria-hidden />
              Open
            </Link>
          </DropdownMenuItem>
          {workflow.triggerType && receivesWebhooks(workflow.triggerType) && (
            <DropdownMenuItem asChild>
              <Link href={`/workflows/${workflow.id}/deliveries`}>
                <Inbox aria-hidden />
                Deliveries
              </Link>
            </DropdownMenuItem>
          )}
          <DropdownMenuItem asChild>
            {/* A plain link: the API answers with the file as an attachment. */}
            <a href={`/api/workflows/${workflow.id}/export`} download>
              <Download aria-hidden />
              Export as file
            </a>
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => duplicate.mutate()}>
            <Copy aria-hidden />
            Duplicate
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setDialog("rename")}>
            <Pencil aria-hidden />
            Rename
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem variant="destructive" onSelect={() => setDialog("delete")}>
            <Trash2 aria-hidden />
            Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <RenameWorkflowDialog workflow={workflow} open={dialog === "rename"} onOpenChange={closeDialog} onCloseAutoFocus={returnFocus} />
      <DeleteWorkflowDialog workflow={workflow} open={dialog === "delete"} onOpenChange={closeDialog} onCloseAutoFocus={returnFocus} />
    </>
  );
}
