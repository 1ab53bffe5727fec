"use client";

import { FileCode2, FileUp, MoreHorizontal, Pencil, RefreshCw, Trash2, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { describeError, describeIssues } from "@/lib/client/api";
import type { ApiSummary } from "@/lib/openapi/model";
import { useDeleteApi, useImportedApis, useUpdateApi } from "./api-queries";
import { ImportApiDialog } from "./import-api-dialog";

/** The Connections page's "Imported APIs": import an OpenAPI document, re-import a new version, rename, change the base URL, delete. */
export function ImportedApisSection() {
  const apis = useImportedApis();
  const [importing, setImporting] = useState(false);
  const [reimporting, setReimporting] = useState<ApiSummary | null>(null);
  const [editing, setEditing] = useState<ApiSummary | null>(null);
  const [deleting, setDeleting] = useState<ApiSummary | null>(null);

  return (
    <section aria-labelledby="imported-apis" className="mt-10">
      <div className="mb-3 flex items-end justify-between gap-4">
        <div>
          <h2 id="imported-apis" className="text-lg font-semibold">
            Imported APIs
          </h2>
          <p className="text-sm text-muted-foreground">Any API with an OpenAPI (Swagger) document: its operations become nodes, grouped under the API in the palette.</p>
        </div>
        <Button variant="outline" onClick={() => setImporting(true)}>
          <FileUp aria-hidden />
          Import API
        </Button>
      </div>
      {apis.isPending ? (
        <Skeleton className="h-16 w-full" />
      ) : apis.isError ? (
        <p className="text-sm text-destructive">{describeError(apis.error)}</p>
      ) : apis.data.length === 0 ? (
        <p className="rounded-xl border border-dashed p-6 text-center text-sm text-muted-foreground">No imported APIs. Import an OpenAPI 3.0/3.1 or Swagger 2.0 document, as JSON or YAML.</p>
      ) : (
        <ul className="divide-y overflow-hidden rounded-xl border bg-card shadow-sm">
          {apis.data.map((api) => (
            <li key={api.id} data-api={api.name} className="flex items-center gap-3 px-5 py-3">
              <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-primary/10 text-primary">
                <FileCode2 className="size-4" aria-hidden />
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">{api.name}</p>
                <p className="truncate text-xs text-muted-foreground">
                  {api.operations.length.toLocaleString("en")} operations · {api.format}
                  {api.version ? ` · version ${api.version}` : ""} · <span className="font-mono">{api.baseUrl || "no base URL"}</span>
                </p>
                {api.warnings.length > 0 && (
                  <details className="mt-1 text-xs text-amber-700 dark:text-amber-400">
                    <summary className="cursor-pointer">
                      <TriangleAlert className="mr-1 inline size-3" aria-hidden />
                      {api.warnings.length} {api.warnings.length === 1 ? "note" : "notes"} from the import
                    </summary>
                    <ul className="mt-1 list-disc pl-5">
                      {api.warnings.map((warning) => (
                        <li key={warning}>{warning}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </div>
              <Button variant="outline" size="sm" onClick={() => setReimporting(api)}>
                <RefreshCw aria-hidden />
                Re-import
              </Button>
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button variant="ghost" size="icon" aria-label={`Actions for ${api.name}`}>
                    <MoreHorizontal aria-hidden />
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent align="end">
                  <DropdownMenuItem onSelect={() => setEditing(api)}>
                    <Pencil aria-hidden />
                    Name and base URL
                  </DropdownMenuItem>
                  <DropdownMenuSeparator />
                  <DropdownMenuItem variant="destructive" onSelect={() => setDeleting(api)}>
                    <Trash2 aria-hidden />
                    Delete
                  </DropdownMenuItem>
                </DropdownMenuContent>
              </DropdownMenu>
            </li>
          ))}
        </ul>
      )}
      <ImportApiDialog open={importing || !!reimporting} api={reimporting} onOpenChange={(open) => !open && (setImporting(false), setReimporting(null))} />
      <ApiSettingsDialog api={editing} onOpenChange={(open) => !open && setEditing(null)} />
      <DeleteApiDialog api={deleting} onOpenChange={(open) => !open && setDeleting(null)} />
    </section>
  );
}

function ApiSettingsDialog({ api, onOpenChange }: { api: ApiSummary | null; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={!!api} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">{api && <ApiSettingsForm api={api} onDone={() => onOpenChange(false)} />}</DialogContent>
    </Dialog>
  );
}

function ApiSettingsForm({ api, onDone }: { api: ApiSummary; onDone: () => void }) {
  const id = useId();
  const [name, setName] = useState(api.name);
  const [baseUrl, setBaseUrl] = useState(api.baseUrl);
  const [problem, setProblem] = useState<string | null>(null);
  const update = useUpdateApi();
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await update.mutateAsync({ id: api.id, name, ...(baseUrl.trim() ? { baseUrl } : {}) });
      onDone();
    } catch (error) {
      setProblem(describeIssues(error));
    }
  };
  return (
    <form onSubmit={submit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>{api.name}</DialogTitle>
        <DialogDescription>Where the API's requests go. A connection's own “API base URL” still takes precedence (a test server, a region).</DialogDescription>
      </DialogHeader>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-name`}>Name</Label>
        <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-base`}>Base URL</Label>
        <Input id={`${id}-base`} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://api.example.com/v1" className="font-mono" list={`${id}-servers`} />
        <datalist id={`${id}-servers`}>
          {api.servers.map((server) => (
            <option key={server} value={server} />
          ))}
        </datalist>
      </div>
      {problem && (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      )}
      <DialogFormFooter onCancel={onDone} pending={update.isPending}>
        Save
      </DialogFormFooter>
    </form>
  );
}

function DeleteApiDialog({ api, onOpenChange }: { api: ApiSummary | null; onOpenChange: (open: boolean) => void }) {
  const remove = useDeleteApi();
  const confirm = async () => {
    if (!api) return;
    try {
      await remove.mutateAsync(api.id);
      toast.success(`Deleted “${api.name}”`);
      onOpenChange(false);
    } catch (error) {
      toast.error(describeError(error));
    }
  };
  return (
    <ConfirmDialog
      open={!!api}
      onOpenChange={onOpenChange}
      title={<>Delete “{api?.name}”?</>}
      description="Its operations leave the palette, and nodes that use them fail until they are changed to another API."
      confirmLabel="Delete API"
      pending={remove.isPending}
      onConfirm={confirm}
    />
  );
}
