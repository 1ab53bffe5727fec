"use client";

import { AlertTriangle, Upload } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { describeIssues } from "@/lib/client/api";
import type { ApiSummary, ReimportReport } from "@/lib/openapi/model";
import { useImportApi, useReimportApi } from "./api-queries";

interface ImportApiDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Re-importing a new version of this API's document; a new import when absent. */
  api?: ApiSummary | null;
}

/** "Import API": an OpenAPI 3.0/3.1 or Swagger 2.0 document pasted or chosen as a file, JSON or YAML. */
export function ImportApiDialog({ open, onOpenChange, api }: ImportApiDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl">{open && <ImportForm api={api ?? null} onDone={() => onOpenChange(false)} />}</DialogContent>
    </Dialog>
  );
}

function ImportForm({ api, onDone }: { api: ApiSummary | null; onDone: () => void }) {
  const id = useId();
  const [document, setDocument] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<ReimportReport | null>(null);
  const importApi = useImportApi();
  const reimport = useReimportApi();
  const pending = importApi.isPending || reimport.isPending;

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setDocument(await file.text());
    setProblem(null);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      if (api) {
        const result = await reimport.mutateAsync({ id: api.id, document });
        setReport(result.report);
        toast.success(`Updated “${result.api.name}”`, { description: `${result.api.operations.length} operations` });
      } else {
        const created = await importApi.mutateAsync({ document, ...(name.trim() ? { name: name.trim() } : {}) });
        toast.success(`Imported “${created.name}”`, { description: `${created.operations.length} operations, in the editor's palette under “${created.name}”` });
        onDone();
      }
    } catch (error) {
      setProblem(describeIssues(error));
    }
  };

  if (report) return <ReimportSummary report={report} onDone={onDone} />;
  return (
    <form onSubmit={submit} className="grid min-w-0 gap-4">
      <DialogHeader>
        <DialogTitle>{api ? `Re-import “${api.name}”` : "Import an API"}</DialogTitle>
        <DialogDescription>
          {api
            ? "A new version of the API's OpenAPI document. Its operations are replaced; nodes keep working unless their operation was removed, and those are listed."
            : "An OpenAPI 3.0/3.1 or Swagger 2.0 document, JSON or YAML. Its operations become nodes in the palette, with forms from their parameters and bodies."}
        </DialogDescription>
      </DialogHeader>
      {!api && (
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-name`}>Name</Label>
          <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="The document's title" maxLength={120} />
        </div>
      )}
      <div className="grid gap-1.5">
        <div className="flex items-center justify-between">
          <Label htmlFor={`${id}-document`}>Document</Label>
          <Button type="button" variant="outline" size="sm" asChild>
            <label className="cursor-pointer">
              <Upload aria-hidden />
              Choose a file
              <input type="file" accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml" className="sr-only" aria-label="OpenAPI document file" onChange={(e) => void readFile(e.target.files?.[0])} />
            </label>
          </Button>
        </div>
        <Textarea
          id={`${id}-document`}
          value={fileName ? `${fileName} (${Math.ceil(document.length / 1024).toLocaleString("en")} KB)` : document}
          readOnly={!!fileName}
          onChange={(e) => setDocument(e.target.value)}
          onFocus={() => {
            if (fileName) {
              setFileName(null);
              setDocument("");
            }
          }}
          placeholder={'openapi: 3.1.0\ninfo:\n  title: …'}
          className="h-56 font-mono text-xs"
          spellCheck={false}
        />
      </div>
      {problem && (
        <p role="alert" className="flex gap-2 rounded-md border border-destructive/40 bg-destructive/10 p-2.5 text-sm text-destructive">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          {problem}
        </p>
      )}
      <DialogFormFooter onCancel={onDone} pending={pending} disabled={!document.trim()}>
        {api ? "Re-import" : "Import"}
      </DialogFormFooter>
    </form>
  );
}

function ReimportSummary({ report, onDone }: { report: ReimportReport; onDone: () => void }) {
  return (
    <div className="grid min-w-0 gap-4">
      <DialogHeader>
        <DialogTitle>Re-imported</DialogTitle>
        <DialogDescription>
          {report.added} added · {report.changed} changed · {report.removed.length} removed
        </DialogDescription>
      </DialogHeader>
      {report.removed.length > 0 && (
        <div className="space-y-2 text-sm">
          <p>
            Removed: <span className="font-mono text-xs">{report.removed.join(", ")}</span>
          </p>
          {report.affected.length ? (
            <div role="alert" className="rounded-md border border-amber-500/40 bg-amber-500/10 p-3">
              <p className="font-medium">These nodes use a removed operation and fail until you choose another one:</p>
              <ul className="mt-1.5 list-disc space-y-0.5 pl-5">
                {report.affected.map((node) => (
                  <li key={`${node.workflowId}:${node.nodeId}`}>
                    <Link href={`/workflows/${node.workflowId}`} className="font-medium text-primary hover:underline">
                      {node.workflowName}
                    </Link>{" "}
                    · <span className="font-mono text-xs">{node.nodeId}</span> ({node.operation})
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="text-muted-foreground">No workflow uses them.</p>
          )}
        </div>
      )}
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}
