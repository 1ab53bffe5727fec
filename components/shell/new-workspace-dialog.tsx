"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { api, describeError } from "@/lib/client/api";

/** Creates a workspace the user owns and switches to it. */
export function NewWorkspaceDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [pending, setPending] = useState(false);

  async function create(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    try {
      const created = await api<{ workspaceId: string }>("/api/workspaces", { method: "POST", body: { name } });
      await api("/api/workspaces/active", { method: "POST", body: { workspaceId: created.workspaceId } });
      window.location.assign("/workflows");
    } catch (error) {
      toast.error(describeError(error));
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form onSubmit={create} className="space-y-4">
          <DialogHeader>
            <DialogTitle>New workspace</DialogTitle>
            <DialogDescription>A separate set of workflows, runs and connections that you own; invite others from its settings.</DialogDescription>
          </DialogHeader>
          <div className="grid gap-1.5">
            <Label htmlFor={id}>Name</Label>
            <Input id={id} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
          </div>
          <DialogFooter>
            <Button type="submit" disabled={!name.trim() || pending}>
              Create workspace
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
