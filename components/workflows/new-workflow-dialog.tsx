"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { describeError } from "@/lib/client/api";
import { DescribeWorkflowForm } from "./describe-workflow-form";
import { newWorkflowDocument } from "./new-workflow-document";
import { TriggerPicker, triggerDefinitions } from "./trigger-picker";
import { useCreateWorkflow } from "./workflow-queries";
import { serverNameError, workflowNameError } from "./workflow-name";
import { WorkflowNameField } from "./workflow-name-field";

/** Names a new workflow and picks how it starts, creates it, then opens it in the editor. */
export function NewWorkflowDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl">
        {open && (
          <Tabs defaultValue="scratch" className="grid gap-5">
            <DialogHeader>
              <DialogTitle>New workflow</DialogTitle>
              <DialogDescription>Name it and choose what starts it, or describe what it should do.</DialogDescription>
            </DialogHeader>
            <TabsList className="w-fit">
              <TabsTrigger value="scratch">From scratch</TabsTrigger>
              <TabsTrigger value="describe">Describe it</TabsTrigger>
            </TabsList>
            <TabsContent value="scratch">
              <NewWorkflowForm />
            </TabsContent>
            <TabsContent value="describe">
              <DescribeWorkflowForm />
            </TabsContent>
          </Tabs>
        )}
      </DialogContent>
    </Dialog>
  );
}

function NewWorkflowForm() {
  const router = useRouter();
  const createWorkflow = useCreateWorkflow();
  const triggerLabelId = useId();
  const [name, setName] = useState("");
  const [triggerType, setTriggerType] = useState(triggerDefinitions[0].type);
  const [showNameError, setShowNameError] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const nameError = serverError ?? (showNameError ? workflowNameError(name) : null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setShowNameError(true);
    if (workflowNameError(name)) return;
    createWorkflow.mutate({ document: newWorkflowDocument(name, triggerType) }, {
      onSuccess: (workflow) => {
        toast.success(`Created “${workflow.name}”`);
        router.push(`/workflows/${workflow.id}`);
      },
      onError: (error) => {
        const fieldError = serverNameError(error);
        if (fieldError) setServerError(fieldError);
        else toast.error(describeError(error));
      },
    });
  };

  const busy = createWorkflow.isPending || createWorkflow.isSuccess;
  return (
    <form onSubmit={submit} className="grid gap-5" noValidate>
      <WorkflowNameField
        value={name}
        onChange={(value) => {
          setName(value);
          setServerError(null);
          if (workflowNameError(value)) setShowNameError(true);
        }}
        error={nameError}
        placeholder="e.g. Sync new sign-ups to the CRM"
        autoFocus
      />
      <div className="grid gap-2">
        <span id={triggerLabelId} className="text-sm font-medium leading-none">
          Starts with
        </span>
        <TriggerPicker value={triggerType} onChange={setTriggerType} labelledBy={triggerLabelId} />
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button type="submit" disabled={busy}>
          {busy && <Loader2 className="animate-spin" aria-hidden />}
          Create workflow
        </Button>
      </DialogFooter>
    </form>
  );
}
