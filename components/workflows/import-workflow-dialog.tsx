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
import { ConnectionField } from "@/components/editor/fields/connection-field";
import type { ApiIssue } from "@/lib/api/http";
import type { ImportReport } from "@/lib/workflow-store/foreign";
import { ImportReportView } from "./import-report";
import { workflowsQueryKey } from "./workflow-queries";

/**
 * Imports a workflow from a file or pasted JSON: an exported workflow file (connections matched by
 * type and name, or chosen here when this workspace names them differently), a plain workflow
 * document, or an n8n or Inngest workflow-kit workflow (converted, with a report of what was left
 * out or needs a look).
 */
export function ImportWorkflowDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl">{open && <ImportForm />}</DialogContent>
    </Dialog>
  );
}

interface ImportAnswer {
  id: string;
  outcome: "created" | "updated" | "unchanged";
  report?: ImportReport;
  problems?: ApiIssue[];
}

/** A connection the file names that this workspace has no connection of that type and name for. */
interface MissingConnection {
  ref: string;
  type: string;
  name: string;
}

/** Files for the import endpoint: Switchboard exports, n8n workflows (nodes and connections by name), workflow-kit workflows (actions and edges). */
function isImportFile(value: Record<string, unknown>): boolean {
  return value.format === "switchboard.workflow" || Array.isArray(value.actions) || (Array.isArray(value.nodes) && !!value.connections && !Array.isArray(value.edges));
}

function ImportForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState("");
  const [parseError, setParseError] = useState<string | null>(null);
  const [missing, setMissing] = useState<MissingConnection[]>([]);
  const [connectionMap, setConnectionMap] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const open = (workflowId: string, message: string) => {
    void queryClient.invalidateQueries({ queryKey: workflowsQueryKey });
    toast.success(message);
    router.push(`/workflows/${workflowId}`);
  };
  const importing = useMutation({
    mutationFn: async (value: Record<string, unknown>): Promise<ImportAnswer> => {
      if (isImportFile(value)) {
        const body = value.format === "switchboard.workflow" && Object.keys(connectionMap).length ? { file: value, connectionMap } : value;
        return api<ImportAnswer>("/api/workflows/import", { method: "POST", body });
      }
      const created = await api<WorkflowDetail>("/api/workflows", { method: "POST", body: value });
      return { id: created.id, outcome: "created" };
    },
    onSuccess: (result) => {
      if (result.report && (result.report.unsupported.length || result.report.review.length || result.problems?.length)) {
        void queryClient.invalidateQueries({ queryKey: workflowsQueryKey });
        return setAnswer(result);
      }
      open(result.id, result.outcome === "unchanged" ? "Already here, unchanged" : result.outcome === "updated" ? "Updated the existing workflow" : "Imported");
    },
    onError: (error, value) => {
      const refs = error instanceof ApiRequestError ? error.issues.filter((i) => i.path.startsWith("connections.")).map((i) => i.path.slice("connections.".length)) : [];
      const named = (value.connections ?? {}) as Record<string, { type: string; name: string }>;
      if (refs.length) setMissing(refs.filter((ref) => named[ref]).map((ref) => ({ ref, ...named[ref] })));
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
  const unmapped = missing.filter((m) => !connectionMap[m.ref]);
  const serverError =
    missing.length > 0
      ? []
      : importing.error instanceof ApiRequestError
        ? [importing.error.message, ...importing.error.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`)]
        : importing.error
          ? [describeError(importing.error)]
          : [];

  if (answer?.report) {
    return (
      <div className="grid gap-4">
        <DialogHeader>
          <DialogTitle>Imported, with notes</DialogTitle>
          <DialogDescription>Read what was left out or needs a look, then open the workflow to finish it.</DialogDescription>
        </DialogHeader>
        <ImportReportView report={answer.report} problems={answer.problems ?? []} />
        <DialogFooter>
          <Button onClick={() => open(answer.id, "Imported")}>Open the workflow</Button>
        </DialogFooter>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Import a workflow</DialogTitle>
        <DialogDescription>
          Choose an exported workflow file or paste its JSON; an n8n or Inngest workflow-kit workflow is converted. Connections are matched by type and name; secrets are never in the file.
        </DialogDescription>
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
            setMissing([]);
            setConnectionMap({});
          }}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-json`}>Or paste JSON</Label>
        <Textarea
          id={`${id}-json`}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setMissing([]);
            setConnectionMap({});
          }}
          rows={8}
          className="font-mono text-xs"
          placeholder='{ "format": "switchboard.workflow", … } or an n8n workflow'
          spellCheck={false}
        />
      </div>
      {missing.length > 0 && (
        <section className="grid gap-3 rounded-md border p-3" aria-label="Connections to choose">
          <p className="text-sm">This workspace has no connection of the same type and name for these. Choose one for each, or create it and come back.</p>
          {missing.map((m, index) => (
            <ConnectionField
              key={m.ref}
              id={`${id}-map-${index}`}
              field={{ key: m.ref, kind: "connection", label: `${m.name} (${m.type})`, required: true, connectionTypes: [m.type] }}
              value={connectionMap[m.ref]}
              onChange={(next) => setConnectionMap((map) => ({ ...map, [m.ref]: String(next ?? "") }))}
              errors={[]}
            />
          ))}
        </section>
      )}
      {(parseError || serverError.length > 0) && (
        <div role="alert" className="text-sm text-destructive">
          {parseError ?? serverError.map((line) => <p key={line}>{line}</p>)}
        </div>
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="outline">Cancel</Button>
        </DialogClose>
        <Button type="submit" disabled={!text.trim() || importing.isPending || unmapped.length > 0 || (importing.isSuccess && !answer)}>
          {importing.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />}
          Import
        </Button>
      </DialogFooter>
    </form>
  );
}
