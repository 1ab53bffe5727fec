"use client";

import { useMutation } from "@tanstack/react-query";
import { FlaskConical, GitBranch, PanelLeftClose, PanelLeftOpen, Pin, PinOff } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { api, describeError } from "@/lib/client/api";
import type { NodeSample } from "@/lib/editor/sample-data";
import { nodeDefinitionOf } from "@/lib/nodes";
import type { WorkflowNode } from "@/lib/document/schema";
import { useCan } from "@/lib/client/access";
import { cn } from "@/lib/utils";
import { DataTree } from "./data-tree";
import { branchList, showTestedBranch } from "./tested-branches";

type TestResult = { status: "completed"; output: unknown; branch: string | string[] | null; durationMs: number } | { status: "failed"; error: { message: string }; durationMs: number };

interface NodeDataPanelProps {
  workflowId: string;
  /** The node as edited (maybe unsaved). */
  node: WorkflowNode;
  sample: NodeSample;
  onPin: (output: unknown) => void;
  /** The node view: input | `children` (the settings) | output side by side, never folded. */
  wide?: boolean;
  children?: React.ReactNode;
}

/**
 * Beside the inspector: the node's input (fields drag onto config fields as expressions) and its
 * output, from the last run, pinned data or a test; "Test this node" runs it alone with that input.
 */
export function NodeDataPanel({ workflowId, node, sample, onPin, wide = false, children }: NodeDataPanelProps) {
  const definition = nodeDefinitionOf(node);
  const isTrigger = definition?.category === "trigger";
  const [result, setResult] = useState<TestResult | null>(null);
  const [collapsed, setCollapsed] = useCollapsed();
  // Testing calls out with the workspace's connections and pinning edits the workflow: editors only.
  const canEdit = useCan("editor");
  const test = useMutation({
    mutationFn: () =>
      api<TestResult>(`/api/workflows/${encodeURIComponent(workflowId)}/test-node`, {
        method: "POST",
        body: { node, input: sample.input ?? null, trigger: sample.scope.trigger, steps: sample.scope.steps },
      }),
    onSuccess: setResult,
    onError: (error) => setResult({ status: "failed", error: { message: describeError(error) }, durationMs: 0 }),
  });

  const tested = result?.status === "completed";
  const output = tested ? result.output : sample.output;
  // The outputs the test took (If, Switch), shown here and marked on the canvas while this result is.
  const branchKey = tested ? branchList(result.branch).join("\n") : "";
  const branch = useMemo(() => (branchKey ? branchKey.split("\n") : []), [branchKey]);
  useEffect(() => (branch.length ? showTestedBranch(node.id, branch) : undefined), [node.id, branch]);
  const source = tested ? "Test result" : sample.outputSource === "pinned" ? "Pinned" : sample.outputSource === "last run" ? "Last run" : null;
  const pinned = sample.outputSource === "pinned";

  if (collapsed && !wide) {
    return (
      <aside aria-label="Node data" className="flex w-10 shrink-0 flex-col items-center border-l bg-card py-2">
        <Button variant="ghost" size="icon-sm" aria-label="Show input and output" title="Show input and output" onClick={() => setCollapsed(false)}>
          <PanelLeftOpen />
        </Button>
      </aside>
    );
  }

  const inputSection = (
    <section aria-labelledby="node-input-title" className={cn("flex min-h-0 flex-1 flex-col", wide ? "bg-card" : "border-b")}>
      <header className="flex items-center justify-between gap-2 py-1.5 pr-1.5 pl-3">
        <h2 id="node-input-title" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
          Input
        </h2>
        {!isTrigger && sample.input !== undefined && <span className="ml-auto text-[11px] text-muted-foreground">drag a field onto a setting</span>}
        {!wide && (
          <Button variant="ghost" size="icon-sm" aria-label="Hide input and output" title="Hide input and output" onClick={() => setCollapsed(true)}>
            <PanelLeftClose />
          </Button>
        )}
      </header>
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto px-2 pb-3">
        {isTrigger ? (
          <p className="px-1 text-xs text-muted-foreground">A trigger starts the run; it has no input.</p>
        ) : sample.input === undefined ? (
          <p className="px-1 text-xs text-muted-foreground">No input yet. Run the workflow, or pin data on the nodes before this one.</p>
        ) : (
          <DataTree value={sample.input} path="input" label="Input fields" />
        )}
        {!isTrigger && sample.scope.trigger !== null && !(sample.inputIsTrigger && sample.input !== undefined) && (
          <div>
            <p className="px-1 pb-1 text-[11px] font-medium text-muted-foreground">trigger</p>
            <DataTree value={sample.scope.trigger} path="trigger" label="Trigger fields" />
          </div>
        )}
      </div>
    </section>
  );
  const outputSection = (
    <section aria-labelledby="node-output-title" className={cn("flex min-h-0 flex-1 flex-col", wide && "bg-card")}>
      <header className="flex items-center justify-between gap-2 px-3 py-2">
        <h2 id="node-output-title" className="flex items-center gap-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
          Output
          {source && (
            <Badge variant="secondary" className="px-1.5 py-0 text-[10px] tracking-normal normal-case">
              {source}
            </Badge>
          )}
        </h2>
      </header>
      {canEdit && (
        <div className="flex flex-wrap gap-1.5 px-3 pb-2">
          <Button
            size="sm"
            variant="outline"
            onClick={() => test.mutate()}
            disabled={test.isPending || definition?.kind !== "step"}
            title={definition?.kind !== "step" ? "Nodes that pause the run cannot be tested alone" : "Run this node once with the input shown, without starting a run"}
          >
            <FlaskConical />
            {test.isPending ? "Testing…" : "Test this node"}
          </Button>
          {pinned && !tested ? (
            <Button size="sm" variant="ghost" onClick={() => onPin(undefined)}>
              <PinOff />
              Unpin
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                onPin(output);
                setResult(null);
              }}
              disabled={output === undefined}
              title="Keep this output as fixed test data for later nodes"
            >
              <Pin />
              Pin data
            </Button>
          )}
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-3" data-testid="node-output">
        {result?.status === "failed" && (
          <p role="alert" className="mx-1 mb-2 rounded-md border border-destructive/40 bg-destructive/10 p-2 text-xs text-destructive">
            {result.error.message}
          </p>
        )}
        {branch.length > 0 && (
          <p data-testid="tested-branch" className="mx-1 mb-2 flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
            <GitBranch aria-hidden className="size-3.5 text-primary" />
            Took the
            {branch.map((b) => (
              <Badge key={b} className="px-1.5 py-0 font-mono text-[11px]">
                {b}
              </Badge>
            ))}
            {branch.length === 1 ? "branch" : "branches"}
          </p>
        )}
        {output === undefined ? (
          <p className="px-1 text-xs text-muted-foreground">No output yet. Test the node, or run the workflow.</p>
        ) : (
          <DataTree value={output} path={`steps.${node.id}`} label="Output fields" />
        )}
      </div>
    </section>
  );

  if (wide) {
    return (
      <div aria-label="Node data" className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] divide-x">
        {inputSection}
        {children}
        {outputSection}
      </div>
    );
  }
  return (
    <aside aria-label="Node data" className="flex w-64 shrink-0 flex-col border-l bg-card">
      {inputSection}
      {outputSection}
    </aside>
  );
}

const COLLAPSED_KEY = "switchboard:node-data-collapsed";

/** Below this window width the panel starts folded, leaving the canvas room. */
const OPEN_FROM_WIDTH = 1440;

/** Whether the panel is folded away: as last chosen in this browser, else by the window's width. */
function useCollapsed(): [boolean, (collapsed: boolean) => void] {
  const [collapsed, setCollapsed] = useState(() => {
    if (typeof window === "undefined") return false;
    const chosen = window.localStorage.getItem(COLLAPSED_KEY);
    return chosen === null ? window.innerWidth < OPEN_FROM_WIDTH : chosen === "1";
  });
  return [
    collapsed,
    (next) => {
      setCollapsed(next);
      window.localStorage.setItem(COLLAPSED_KEY, next ? "1" : "0");
    },
  ];
}
