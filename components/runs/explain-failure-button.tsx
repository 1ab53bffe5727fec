"use client";

import { useMutation } from "@tanstack/react-query";
import { Loader2, Sparkles, Wrench } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { FailureExplanation } from "@/lib/ai/explain-failure";
import { AssistantError } from "@/components/ai/assistant-error";
import { api, describeError } from "@/lib/client/api";
import type { DraftAnswer } from "@/lib/client/types";
import type { WorkflowDocument } from "@/lib/document/schema";
import { CopyButton } from "./copy-button";

/** "Explain this failure": the workspace's model reads the failed step (secrets masked) and may propose the node's config with a fix. */
export function ExplainFailureButton({ runId, workflowId }: { runId: string; workflowId: string }) {
  const [open, setOpen] = useState(false);
  const explain = useMutation({ mutationFn: () => api<FailureExplanation>(`/api/runs/${runId}/explain`, { method: "POST" }) });

  return (
    <>
      <Button
        size="sm"
        variant="outline"
        onClick={() => {
          setOpen(true);
          if (!explain.data && !explain.isPending) explain.mutate();
        }}
      >
        <Sparkles aria-hidden />
        Explain this failure
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>Why this run failed</DialogTitle>
            <DialogDescription>The failed step&apos;s error, input and config (secrets masked) as read by the workspace&apos;s AI model. Check before you act on it.</DialogDescription>
          </DialogHeader>
          {explain.isPending ? (
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              <Loader2 className="size-4 animate-spin" aria-hidden /> Asking the model…
            </p>
          ) : explain.isError ? (
            <AssistantError error={explain.error} className="text-sm" />
          ) : explain.data ? (
            <div className="space-y-4 text-sm">
              <p>{explain.data.explanation}</p>
              <p>
                <span className="font-medium">Likely cause: </span>
                {explain.data.likelyCause}
              </p>
              {explain.data.fix ? (
                <div className="space-y-2">
                  <div className="flex items-center justify-between gap-2">
                    <p className="font-medium">
                      Proposed fix for <span className="font-mono">{explain.data.fix.nodeId}</span>: {explain.data.fix.summary}
                    </p>
                    <CopyButton text={JSON.stringify(explain.data.fix.config, null, 2)} label="Copy the proposed config" />
                  </div>
                  {explain.data.fix.problems.length > 0 && (
                    <p className="text-xs text-destructive">This config does not fit the node yet: {explain.data.fix.problems.map((p) => `${p.path || "config"}: ${p.message}`).join("; ")}</p>
                  )}
                  <pre className="max-h-64 overflow-auto rounded-md border bg-muted/40 p-3 font-mono text-xs">{JSON.stringify(explain.data.fix.config, null, 2)}</pre>
                  <ApplyFixButton workflowId={workflowId} fix={explain.data.fix} />
                </div>
              ) : (
                <p className="text-muted-foreground">No change to the workflow is proposed: the cause looks outside it.</p>
              )}
            </div>
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

/**
 * Puts the proposed config into the workflow's draft (the draft the editor has, or the published
 * document when there is none) and opens the editor: nothing is published, so the user reviews
 * the fix, publishes it, then replays the failed run on the published version.
 */
function ApplyFixButton({ workflowId, fix }: { workflowId: string; fix: NonNullable<FailureExplanation["fix"]> }) {
  const router = useRouter();
  const apply = useMutation({
    mutationFn: async () => {
      const workflow = await api<{ document: WorkflowDocument; draft: WorkflowDocument | null }>(`/api/workflows/${encodeURIComponent(workflowId)}`);
      const document = structuredClone(workflow.draft ?? workflow.document);
      const node = document.nodes.find((n) => n.id === fix.nodeId);
      if (!node) throw new Error(`The workflow no longer has a node "${fix.nodeId}"`);
      node.config = fix.config;
      return api<DraftAnswer>(`/api/workflows/${encodeURIComponent(workflowId)}/draft`, { method: "PUT", body: document });
    },
    onSuccess: (answer) => {
      toast.success(`The fix is in the draft of “${answer.workflow.name}”`, { description: "Review it and publish, then replay the failed run on the published version." });
      router.push(`/workflows/${encodeURIComponent(workflowId)}`);
    },
    onError: (error) => toast.error(describeError(error)),
  });
  const unfit = fix.problems.length > 0;
  return (
    <div className="flex items-center justify-end gap-2">
      {unfit && <span className="text-xs text-muted-foreground">Fix the config by hand in the editor: it does not fit the node.</span>}
      <Button size="sm" onClick={() => apply.mutate()} disabled={unfit || apply.isPending}>
        {apply.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Wrench aria-hidden />}
        Apply to the draft
      </Button>
    </div>
  );
}
