"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { api, ApiRequestError, describeError } from "@/lib/client/api";
import type { WorkflowDetail } from "@/lib/client/types";
import { workflowsQueryKey } from "./workflow-queries";

/**
 * Imports a workflow from a file or pasted JSON: an exported workflow file (connections matched by
 * type and name, same id) or a plain workflow document (created as a new workflow).
 */
export function ImportWorkflowDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl">{open && <ImportForm />}</DialogContent>
    </Dialog>
  );
}

function ImportForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState("");
  const [parseError, setParseError] = useState<string | null>(null);
  const importing = useMutation({
    mutationFn: async (value: Record<string, unknown>) => {
      if (value.format === "switchboard.workflow") {
        const result = await api<{ id: string; outcome: string }>("/api/workflows/import", { method: "POST", body: value });
        return { id: result.id, message: result.outcome === "unchanged" ? "Already here, unchanged" : result.outcome === "updated" ? "Updated the existing workflow" : "Imported" };
      }
      const created = await api<WorkflowDetail>("/api/workflows", { method: "POST", body: value });
      return { id: created.id, message: "Imported" };
    },
    onSuccess: ({ id: workflowId, message }) => {
      void queryClient.invalidateQueries({ queryKey: workflowsQueryKey });
      toast.success(message);
      router.push(`/workflows/${workflowId}`);
    },
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      setParseError(`Not JSON: ${(error as Error).message}`);
      return;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) return setParseError("Paste a workflow: a JSON object");
    setParseError(null);
    importing.mutate(value as Record<string, unknown>);
  };
  const serverError =
    importing.error instanceof ApiRequestError
      ? [importing.error.message, ...importing.error.issues.slice(0, 5).filter((i) => !importing.error!.message.includes(i.message.replace(/^Missing in this workspace: /, ""))).map((i) => `${i.path}: ${i.message}`)]
      : importing.error
        ? [describeError(importing.error)]
        : [];

  return (
    <form onSubmit={submit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Import a workflow</DialogTitle>
        <DialogDescription>Choose an exported workflow file or paste its JSON. Connections are matched by type and name; secrets are never in the file.</DialogDescription>
      </DialogHeader>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-file`}>File</Label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          className="text-sm file:mr-3 file:rounded-md file:border file:bg-card file:px-3 file:py-1.5 file:text-sm"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) setText(await file.text());
          }}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-json`}>Or paste JSON</Label>
        <Textarea id={`${id}-json`} value={text} onChange={(event) => setText(event.target.value)} rows={8} className="font-mono text-xs" placeholder='{ "format": "switchboard.workflow", … }' spellCheck={false} />
      </div>
      {(parseError || serverError.length > 0) && (
        <div role="alert" className="text-sm text-destructive">
          {parseError ?? serverError.map((line) => <p key={line}>{line}</p>)}
        </div>
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button type="submit" disabled={!text.trim() || importing.isPending || importing.isSuccess}>
          {importing.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />}
          Import
        </Button>
      </DialogFooter>
    </form>
  );
}
