"use client";

import { useMutation } from "@tanstack/react-query";
import { Loader2, Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { DescribedWorkflow } from "@/lib/ai/describe-workflow";
import { api, describeError } from "@/lib/client/api";
import { useCreateWorkflow } from "./workflow-queries";

/**
 * "Describe it": the workspace's model builds the workflow from a description. It is created
 * switched off, so nothing triggers it before the user has looked at it, and opened in the editor.
 */
export function DescribeWorkflowForm() {
  const router = useRouter();
  const id = useId();
  const [description, setDescription] = useState("");
  const createWorkflow = useCreateWorkflow();
  const describe = useMutation({
    mutationFn: (text: string) => api<DescribedWorkflow>("/api/workflows/describe", { method: "POST", body: { description: text } }),
    onSuccess: (described) => {
      if (described.problems.length) return;
      createWorkflow.mutate({ document: described.document, active: false }, {
        onSuccess: (workflow) => {
          toast.success(`Built “${workflow.name}” from your description`, { description: "It is switched off: check each step, then switch it on." });
          router.push(`/workflows/${workflow.id}`);
        },
        onError: (error) => toast.error(describeError(error)),
      });
    },
  });
  const problems = describe.data?.problems ?? [];
  const busy = describe.isPending || createWorkflow.isPending || createWorkflow.isSuccess;

  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (description.trim().length >= 10) describe.mutate(description.trim());
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor={id}>What should it do?</Label>
        <Textarea
          id={id}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          rows={5}
          placeholder="When a Stripe payment succeeds, add the customer to HubSpot and post in #sales."
          aria-describedby={`${id}-help`}
          autoFocus
        />
        <p id={`${id}-help`} className="text-xs text-muted-foreground">
          The workspace&apos;s AI model (Settings) builds it from the node types and your connections. You review it in the editor; it stays switched off until you turn it on.
        </p>
      </div>
      {describe.isError && (
        <p role="alert" className="text-sm text-destructive">
          {describeError(describe.error)}
        </p>
      )}
      {problems.length > 0 && (
        <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm">
          <p className="font-medium">The model&apos;s workflow still has problems after {describe.data?.attempts} tries:</p>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {problems.slice(0, 8).map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                <span className="font-mono">{problem.path}</span>: {problem.message}
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-muted-foreground">Add the connections it needs or say more in the description, then try again.</p>
        </div>
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button type="submit" disabled={busy || description.trim().length < 10}>
          {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Sparkles aria-hidden />}
          Build workflow
        </Button>
      </DialogFooter>
    </form>
  );
}
