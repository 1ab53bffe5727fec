"use client";

import { Loader2, Play } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useCreateWorkflow } from "@/components/workflows/workflow-queries";
import { api, describeError } from "@/lib/client/api";
import type { WorkflowTemplate } from "@/lib/templates";
import { useMutation } from "@tanstack/react-query";

/**
 * "Try it": creates the workflow from the template (switched off) and starts a trial run on its
 * sample data: the trigger's pinned data starts it, and every node that would call an outside
 * system outputs its pinned sample instead, so the run page shows each node light up before
 * anything is connected.
 */
export function TryTemplateButton({ template, describedBy }: { template: WorkflowTemplate; describedBy: string }) {
  const router = useRouter();
  const createWorkflow = useCreateWorkflow();
  const start = useMutation({ mutationFn: (workflowId: string) => api<{ runId: string }>(`/api/workflows/${workflowId}/runs`, { method: "POST", body: { usePinnedData: true } }) });
  const busy = createWorkflow.isPending || start.isPending || start.isSuccess;
  const tryIt = async () => {
    try {
      const workflow = await createWorkflow.mutateAsync({ document: structuredClone(template.document), active: false });
      const { runId } = await start.mutateAsync(workflow.id);
      toast.success(`Trying “${workflow.name}” on sample data`, { description: "Nothing outside is called. Open the workflow to connect your own systems." });
      router.push(`/runs/${runId}`);
    } catch (error) {
      toast.error(describeError(error));
    }
  };

  return (
    <Button size="sm" variant="outline" onClick={() => void tryIt()} disabled={busy} aria-describedby={describedBy}>
      {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Play aria-hidden />}
      Try it
    </Button>
  );
}
