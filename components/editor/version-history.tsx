"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, ArrowRight, GitCompare, History, Loader2, Minus, Move, PencilLine, Plus, RotateCcw } from "lucide-react";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { RelativeTime } from "@/components/runs/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan } from "@/lib/client/access";
import { api, describeError } from "@/lib/client/api";
import type { DraftAnswer } from "@/lib/client/types";
import type { WorkflowDocument, WorkflowEdge, WorkflowNode } from "@/lib/document/schema";
import { isMaskedSecret, isSecretPath } from "@/lib/document/secret-fields";
import { nodeDefinitionOf } from "@/lib/nodes";
import { diffWorkflows, type FieldChange, type NodeChange, type WorkflowDiff } from "@/lib/workflow-store/diff";
import { cn } from "@/lib/utils";
import { VersionDiffCanvas, type DiffMark } from "./version-diff-canvas";
import { workflowQueryKey } from "./workflow-query";

/** One published version, as `GET /api/workflows/:id/versions` lists it. */
interface VersionSummary {
  version: number;
  message: string | null;
  createdBy: string | null;
  createdAt: string;
  nodeCount: number;
}

interface VersionHistoryDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  workflowId: string;
  /** The editor's document as it is now (unsaved edits included): what "Compare with current" compares with. */
  current: WorkflowDocument;
  /** After a restore: the workflow with its new draft, for an editor that keeps its own copy of the document. */
  onRestored?: (answer: DraftAnswer) => void;
}

function versionsKey(workflowId: string) {
  return [...workflowQueryKey(workflowId), "versions"] as const;
}

/**
 * "Version history": every published version (number, when, who, what changed in their words),
 * each comparable with the editor's current document and restorable as the draft. Restoring never
 * publishes: the user reviews the draft and publishes it.
 */
export function VersionHistoryDialog({ open, onOpenChange, ...props }: VersionHistoryDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-3xl grid-cols-[minmax(0,1fr)]">{open && <VersionHistory {...props} onDone={() => onOpenChange(false)} />}</DialogContent>
    </Dialog>
  );
}

function VersionHistory({ workflowId, current, onRestored, onDone }: Omit<VersionHistoryDialogProps, "open" | "onOpenChange"> & { onDone: () => void }) {
  const [comparing, setComparing] = useState<number | null>(null);
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: versionsKey(workflowId),
    queryFn: () => api<{ versions: VersionSummary[] }>(`/api/workflows/${encodeURIComponent(workflowId)}/versions`),
  });
  const restore = useMutation({
    mutationFn: (version: number) => api<DraftAnswer>(`/api/workflows/${encodeURIComponent(workflowId)}/versions/${version}/restore`, { method: "POST" }),
    onSuccess: (answer, version) => {
      void queryClient.invalidateQueries({ queryKey: workflowQueryKey(workflowId) });
      void queryClient.invalidateQueries({ queryKey: ["workflows"] });
      onRestored?.(answer);
      const problems = answer.problems.length === 1 ? "1 problem" : `${answer.problems.length} problems`;
      if (!answer.workflow.draft) toast.success(`v${version} is the published version: the draft was discarded`);
      else if (answer.problems.length) toast.warning(`v${version} is now the draft. Fix ${problems} before you publish it`);
      else toast.success(`v${version} is now the draft. Publish it to make it the version that runs`);
      onDone();
    },
    onError: (error) => toast.error(describeError(error)),
  });

  const list = versions.data?.versions ?? [];
  const compared = comparing === null ? undefined : list.find((v) => v.version === comparing);

  return (
    <>
      <DialogHeader>
        <DialogTitle className="flex items-center gap-2">
          <History className="size-4" aria-hidden />
          Version history
        </DialogTitle>
        <DialogDescription>
          Each publish is kept as a version. Restoring one makes it the draft; nothing changes for runs until you publish it.
        </DialogDescription>
      </DialogHeader>
      {compared ? (
        <Comparison workflowId={workflowId} version={compared} versions={list} current={current} onBack={() => setComparing(null)} />
      ) : versions.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading versions">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : versions.isError ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive">
          Could not load the versions: {describeError(versions.error)}
        </p>
      ) : (
        <VersionList versions={list} restoring={restore.isPending ? restore.variables : undefined} onCompare={setComparing} onRestore={(version) => restore.mutate(version)} />
      )}
    </>
  );
}

function VersionList({ versions, restoring, onCompare, onRestore }: { versions: VersionSummary[]; restoring: number | undefined; onCompare: (version: number) => void; onRestore: (version: number) => void }) {
  const canEdit = useCan("editor");
  const [confirming, setConfirming] = useState<number | null>(null);
  if (!versions.length) return <p className="text-sm text-muted-foreground">This workflow has no published versions yet.</p>;
  const published = versions[0].version;
  return (
    <ol aria-label="Published versions" className="divide-y rounded-lg border">
      {versions.map((v) => (
        <li key={v.version} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0 space-y-1">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-semibold tabular-nums">v{v.version}</span>
              {v.version === published && <Badge variant="success">Published</Badge>}
            </p>
            <p className={cn("text-sm break-words", !v.message && "text-muted-foreground italic")}>{v.message ?? "No message"}</p>
            <p className="text-xs text-muted-foreground">
              <RelativeTime iso={v.createdAt} /> · {v.createdBy ? `by ${v.createdBy}` : "publisher not recorded"} · {v.nodeCount} {v.nodeCount === 1 ? "node" : "nodes"}
            </p>
          </div>
          {confirming === v.version ? (
            <div role="group" aria-label={`Restore v${v.version}?`} className="flex shrink-0 flex-wrap items-center gap-2">
              <span className="text-xs text-muted-foreground">Replaces the current draft.</span>
              <Button size="sm" variant="outline" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
              <Button size="sm" autoFocus onClick={() => onRestore(v.version)} disabled={restoring !== undefined}>
                {restoring === v.version ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />}
                Restore v{v.version}
              </Button>
            </div>
          ) : (
            <div className="flex shrink-0 flex-wrap gap-2">
              <Button size="sm" variant="outline" onClick={() => onCompare(v.version)} aria-label={`Compare v${v.version} with current`}>
                <GitCompare aria-hidden />
                Compare with current
              </Button>
              {canEdit && (
                <Button size="sm" variant="outline" onClick={() => setConfirming(v.version)} disabled={restoring !== undefined} aria-label={`Restore v${v.version} as the draft`}>
                  <RotateCcw aria-hidden />
                  Restore
                </Button>
              )}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function Comparison({ workflowId, version, versions, current, onBack }: { workflowId: string; version: VersionSummary; versions: VersionSummary[]; current: WorkflowDocument; onBack: () => void }) {
  // What the version is compared with: the editor's document, or another published version.
  const [against, setAgainst] = useState<"current" | number>("current");
  const stored = useVersionDocument(workflowId, version.version);
  const other = useVersionDocument(workflowId, against === "current" ? null : against);
  const after = against === "current" ? current : other.data?.document;
  const diff = useMemo(() => (stored.data && after ? diffWorkflows(stored.data.document, after) : null), [stored.data, after]);
  const label = `v${version.version}`;
  const afterLabel = against === "current" ? "current" : `v${against}`;
  const failed = stored.isError ? stored.error : other.isError ? other.error : null;

  return (
    <section aria-label={`Changes from ${label} to ${afterLabel}`} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button size="sm" variant="ghost" onClick={onBack}>
          <ArrowLeft aria-hidden />
          All versions
        </Button>
        <label className="flex items-center gap-2 text-sm text-muted-foreground">
          From <span className="font-medium text-foreground">{label}</span> to
          <select
            aria-label="Compare with"
            value={String(against)}
            onChange={(event) => setAgainst(event.target.value === "current" ? "current" : Number(event.target.value))}
            className="h-8 rounded-md border bg-background px-2 text-sm text-foreground"
          >
            <option value="current">current (the editor, unsaved edits included)</option>
            {versions
              .filter((v) => v.version !== version.version)
              .map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                  {v.message ? `: ${v.message}` : ""}
                </option>
              ))}
          </select>
        </label>
      </div>
      {stored.isPending || (against !== "current" && other.isPending) ? (
        <Skeleton className="h-32 w-full" aria-label={`Loading ${label}`} />
      ) : failed ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive">
          Could not load the version: {describeError(failed)}
        </p>
      ) : (
        diff && after && <DiffView diff={diff} after={after} label={label} afterLabel={afterLabel} />
      )}
    </section>
  );
}

function useVersionDocument(workflowId: string, version: number | null) {
  return useQuery({
    queryKey: [...versionsKey(workflowId), version],
    queryFn: () => api<{ document: WorkflowDocument }>(`/api/workflows/${encodeURIComponent(workflowId)}/versions/${version}`),
    enabled: version !== null,
    // A published version never changes.
    staleTime: Infinity,
  });
}

const MARKS = {
  added: { label: "Added", icon: Plus, badge: "success", row: "border-l-success" },
  removed: { label: "Removed", icon: Minus, badge: "destructive", row: "border-l-destructive" },
  changed: { label: "Changed", icon: PencilLine, badge: "warning", row: "border-l-warning" },
  moved: { label: "Moved", icon: Move, badge: "muted", row: "border-l-border" },
} as const;

type Mark = keyof typeof MARKS;

function DiffView({ diff, after, label, afterLabel }: { diff: WorkflowDiff; after: WorkflowDocument; label: string; afterLabel: string }) {
  const [focused, setFocused] = useState<string | null>(null);
  const focus = (nodeId: string, mark: DiffMark) => {
    setFocused(nodeId);
    document.getElementById(`diff-${mark}-${nodeId}`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  };
  const summary = [
    count(diff.added.length, "node added", "nodes added"),
    count(diff.removed.length, "node removed", "nodes removed"),
    count(diff.changed.length, "node changed", "nodes changed"),
    count(diff.moved.length, "node moved", "nodes moved"),
    count(diff.edges.added.length + diff.edges.removed.length, "connection changed", "connections changed"),
  ].filter(Boolean);

  if (diff.same && !diff.moved.length) return <p className="rounded-md border bg-muted/40 p-3 text-sm">{afterLabel === "current" ? "The current workflow" : afterLabel} is the same as {label}.</p>;
  return (
    <div className="space-y-4">
      <VersionDiffCanvas after={after} diff={diff} onSelect={focus} />
      <p className="text-sm" role="status">
        {diff.same ? `Only node positions differ from ${label}: ` : ""}
        {summary.join(", ") || "The workflow's own settings differ"}.
      </p>
      {diff.workflow.length > 0 && (
        <div className="space-y-1.5">
          <h3 className="text-sm font-semibold">Workflow</h3>
          <FieldTable caption="Workflow name and settings" changes={diff.workflow} label={label} afterLabel={afterLabel} />
        </div>
      )}
      {diff.added.length + diff.removed.length + diff.changed.length + diff.moved.length > 0 && (
        <div className="space-y-1.5">
          <h3 className="text-sm font-semibold">Nodes</h3>
          <ul aria-label="Node changes" className="space-y-2">
            {diff.added.map((node) => (
              <NodeItem key={`added-${node.id}`} mark="added" node={node} focused={focused === node.id} />
            ))}
            {diff.removed.map((node) => (
              <NodeItem key={`removed-${node.id}`} mark="removed" node={node} focused={focused === node.id} />
            ))}
            {diff.changed.map((change) => (
              <NodeItem key={`changed-${change.id}`} mark="changed" node={change.after} change={change} label={label} afterLabel={afterLabel} focused={focused === change.id} />
            ))}
            {diff.moved.map((node) => (
              <NodeItem key={`moved-${node.id}`} mark="moved" node={node} focused={focused === node.id} />
            ))}
          </ul>
        </div>
      )}
      {diff.edges.added.length + diff.edges.removed.length > 0 && (
        <div className="space-y-1.5">
          <h3 className="text-sm font-semibold">Connections</h3>
          <ul aria-label="Connection changes" className="space-y-1 text-sm">
            {diff.edges.added.map((edge) => (
              <EdgeItem key={`added-${edge.id}`} mark="added" edge={edge} />
            ))}
            {diff.edges.removed.map((edge) => (
              <EdgeItem key={`removed-${edge.id}`} mark="removed" edge={edge} />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function MarkBadge({ mark }: { mark: Mark }) {
  const { label, icon: Icon, badge } = MARKS[mark];
  return (
    <Badge variant={badge}>
      <Icon aria-hidden />
      {label}
    </Badge>
  );
}

function NodeItem({ mark, node, change, label, afterLabel, focused }: { mark: Mark; node: WorkflowNode; change?: NodeChange; label?: string; afterLabel?: string; focused: boolean }) {
  const title = nodeTitle(node);
  return (
    <li id={`diff-${mark}-${node.id}`} className={cn("space-y-2 rounded-md border border-l-4 p-2.5", MARKS[mark].row, focused && "ring-2 ring-primary")}>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <MarkBadge mark={mark} />
        <span className="font-medium">{title}</span>
        <code className="text-xs text-muted-foreground">{node.id}</code>
        {change?.moved && <span className="text-xs text-muted-foreground">(also moved)</span>}
      </p>
      {change && label && <FieldTable caption={`Changes to ${title}`} changes={change.changes} label={label} afterLabel={afterLabel ?? "current"} nodeType={change.after.type} beforeType={change.before.type} />}
    </li>
  );
}

function EdgeItem({ mark, edge }: { mark: Mark; edge: WorkflowEdge }) {
  return (
    <li className="flex flex-wrap items-center gap-2">
      <MarkBadge mark={mark} />
      <code className="text-xs">{edge.source}</code>
      {edge.sourceHandle && <span className="text-xs text-muted-foreground">({edge.sourceHandle} output)</span>}
      <ArrowRight className="size-3.5 text-muted-foreground" aria-label="to" />
      <code className="text-xs">{edge.target}</code>
    </li>
  );
}

/** The changed fields side by side: the version's value, then the current one. */
function FieldTable({ caption, changes, label, afterLabel, nodeType, beforeType }: { caption: string; changes: FieldChange[]; label: string; afterLabel: string; nodeType?: string; beforeType?: string }) {
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full table-fixed text-xs">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted/50 text-left text-muted-foreground">
          <tr>
            <th scope="col" className="w-1/4 px-2 py-1.5 font-medium">
              Field
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              {label}
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              {afterLabel === "current" ? "Current" : afterLabel}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {changes.map((change) => (
            <tr key={change.path} className="align-top">
              <th scope="row" className="px-2 py-1.5 text-left font-mono font-normal break-all">
                {change.path}
              </th>
              <td className="bg-destructive/5 px-2 py-1.5">
                <Value value={change.before} secret={secretField(beforeType, change.path)} />
              </td>
              <td className="bg-success/5 px-2 py-1.5">
                <Value value={change.after} secret={secretField(nodeType, change.path)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Value({ value, secret }: { value: unknown; secret: boolean }) {
  if (value === undefined) return <span className="text-muted-foreground italic">not set</span>;
  // Stored secrets arrive masked; one typed since the last save is never shown.
  if (secret && typeof value === "string") return <span className="font-mono">{isMaskedSecret(value) ? value : "new secret (hidden)"}</span>;
  return <pre className="font-mono whitespace-pre-wrap break-all">{typeof value === "string" ? value : JSON.stringify(value, null, 2)}</pre>;
}

/** Whether a node field's path (`config.token`) is a secret field of the node's type. */
function secretField(type: string | undefined, path: string): boolean {
  if (!type || !path.startsWith("config.")) return false;
  const configPath = path
    .slice("config.".length)
    .split(".")
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
  return isSecretPath(type, configPath);
}

function nodeTitle(node: WorkflowNode): string {
  return node.name || nodeDefinitionOf(node)?.label || node.type;
}

function count(n: number, one: string, many: string): string {
  return n ? `${n} ${n === 1 ? one : many}` : "";
}
