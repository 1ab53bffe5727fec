"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { ConnectionField } from "@/components/editor/fields/connection-field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useCreateWorkflow } from "@/components/workflows/workflow-queries";
import { describeError } from "@/lib/client/api";
import type { WorkflowTemplate } from "@/lib/templates";
import { connectionSlots, withConnections } from "@/lib/templates/connection-slots";

/**
 * Creates a workflow from the template and opens it in the editor. A template that needs
 * connections first asks for each (a connection of this workspace, or a new one made on the
 * Connections page); any left unchosen can be chosen later on the nodes.
 */
export function UseTemplateButton({ template, describedBy }: { template: WorkflowTemplate; describedBy: string }) {
  const router = useRouter();
  const createWorkflow = useCreateWorkflow();
  const [asking, setAsking] = useState(false);
  const slots = connectionSlots(template.document);
  const busy = createWorkflow.isPending || createWorkflow.isSuccess;
  const create = (chosen: Record<string, string>) =>
    // Switched off: its URLs and connections are examples until adjusted, so its trigger should not fire yet.
    createWorkflow.mutate({ document: withConnections(structuredClone(template.document), chosen), active: false }, {
      onSuccess: (workflow) => {
        const left = slots.filter((slot) => !chosen[slot.placeholder]).length;
        toast.success(`Created “${workflow.name}”, switched off`, {
          description: left ? `Choose the ${left === 1 ? "connection" : `${left} connections`} left on the nodes, adjust its URLs, run it by hand, then switch it on.` : "Adjust its URLs to your systems, run it by hand, then switch it on.",
        });
        router.push(`/workflows/${workflow.id}`);
      },
      onError: (error) => toast.error(describeError(error)),
    });

  return (
    <>
      <Button size="sm" onClick={() => (slots.length ? setAsking(true) : create({}))} disabled={busy} aria-describedby={describedBy}>
        {busy && !asking && <Loader2 className="animate-spin" aria-hidden />}
        Use template
      </Button>
      {slots.length > 0 && (
        <Dialog open={asking} onOpenChange={setAsking}>
          <DialogContent className="max-w-lg">{asking && <ChooseConnections template={template} busy={busy} onCreate={create} />}</DialogContent>
        </Dialog>
      )}
    </>
  );
}

function ChooseConnections({ template, busy, onCreate }: { template: WorkflowTemplate; busy: boolean; onCreate: (chosen: Record<string, string>) => void }) {
  const id = useId();
  const slots = connectionSlots(template.document);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  return (
    <form
      className="grid gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        onCreate(chosen);
      }}
    >
      <DialogHeader>
        <DialogTitle>Connections for “{template.name}”</DialogTitle>
        <DialogDescription>Choose the connection each part uses. Skip one to choose it later on the node.</DialogDescription>
      </DialogHeader>
      {slots.map((slot, index) => (
        <ConnectionField
          key={slot.placeholder}
          id={`${id}-${index}`}
          field={{ key: slot.placeholder, kind: "connection", label: `Connection for ${slot.nodes.join(" and ")}`, required: false, connectionTypes: slot.types }}
          value={chosen[slot.placeholder]}
          onChange={(next) => setChosen((current) => ({ ...current, [slot.placeholder]: typeof next === "string" ? next : "" }))}
          errors={[]}
        />
      ))}
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
