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
    createWorkflow.mutate(structuredClone(template.document), {
      onSuccess: (workflow) => {
        toast.success(`Created “${workflow.name}”`, { description: "Adjust its URLs and fields to your systems, then run it." });
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
