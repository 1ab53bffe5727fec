"use client";

import { Info } from "lucide-react";
import { toast } from "sonner";
import { Switch } from "@/components/ui/switch";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { useCan } from "@/lib/client/access";
import { describeError } from "@/lib/client/api";
import type { WorkflowSummary } from "@/lib/client/types";
import { usePatchWorkflow } from "./workflow-queries";

/** Flips at once; if the server refuses, the list rolls back and a toast says why. */
export function WorkflowActiveSwitch({ workflow }: { workflow: WorkflowSummary }) {
  const patchWorkflow = usePatchWorkflow();
  const canEdit = useCan("editor");
  return (
    <Switch
      checked={workflow.active}
      disabled={!canEdit}
      aria-label={`Active: ${workflow.name}`}
      onCheckedChange={(active) =>
        patchWorkflow.mutate(
          { id: workflow.id, patch: { active } },
          { onError: (error) => toast.error(`Could not ${active ? "activate" : "deactivate"} “${workflow.name}”: ${describeError(error)}`) },
        )
      }
    />
  );
}

/** The column heading, with what "active" means: it gates the webhook URL, not manual runs. */
export function ActiveColumnHeading() {
  return (
    <span className="inline-flex items-center gap-1">
      Active
      <Tooltip>
        <TooltipTrigger asChild>
          <button type="button" aria-label="What does Active mean?" className="rounded-full p-0.5 hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
            <Info className="size-3.5" aria-hidden />
          </button>
        </TooltipTrigger>
        <TooltipContent className="normal-case tracking-normal">An inactive workflow ignores calls to its webhook URL. You can still run it by hand.</TooltipContent>
      </Tooltip>
    </span>
  );
}
