"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useCreateWorkflow } from "@/components/workflows/workflow-queries";
import { describeError } from "@/lib/client/api";
import type { WorkflowTemplate } from "@/lib/templates";

/** Creates a workflow from the template and opens it in the editor. */
export function UseTemplateButton({ template, describedBy }: { template: WorkflowTemplate; describedBy: string }) {
  const router = useRouter();
  const createWorkflow = useCreateWorkflow();
  const busy = createWorkflow.isPending || createWorkflow.isSuccess;
  const use = () =>
    // Switched off: its URLs and connections are examples until adjusted, so its trigger should not fire yet.
    createWorkflow.mutate({ document: structuredClone(template.document), active: false }, {
      onSuccess: (workflow) => {
        toast.success(`Created “${workflow.name}”, switched off`, { description: "Adjust its URLs and connections to your systems, run it by hand, then switch it on." });
        router.push(`/workflows/${workflow.id}`);
      },
      onError: (error) => toast.error(describeError(error)),
    });

  return (
    <Button size="sm" onClick={use} disabled={busy} aria-describedby={describedBy}>
      {busy && <Loader2 className="animate-spin" aria-hidden />}
      Use template
    </Button>
  );
}
