"use client";

import { ArrowLeft, History, Inbox, Loader2, Play, Redo2, Rocket, Save, SlidersHorizontal, Sparkles, Undo2 } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { Problem } from "@/lib/editor/issues";
import { ProblemsMenu } from "./problems-menu";
import { useCan } from "@/lib/client/access";
import { receivesWebhooks } from "@/lib/nodes";
import { SaveStatus } from "./save-status";
import { useWorkflowQuery } from "./workflow-query";

interface EditorTopBarProps {
  name: string;
  nameRef: React.Ref<HTMLInputElement>;
  nameError?: string;
  onNameChange: (name: string) => void;
  dirty: boolean;
  saving: boolean;
  /** A saved draft differs from the published version. */
  unpublished: boolean;
  problems: Problem[];
  onSelectProblem: (problem: Problem) => void;
  active: boolean;
  activeChanging: boolean;
  onActiveChange: (active: boolean) => void;
  /** Why the workflow cannot run, or null when it can. */
  runBlocker: string | null;
  onRun: () => void;
  onSave: () => void;
  onPublish: () => void;
  onOpenHistory: () => void;
  /** "Describe a change": the AI model edits the workflow; absent for viewers. */
  onDescribe: () => void;
  history: { canUndo: boolean; canRedo: boolean; undo: () => void; redo: () => void };
  /** How many problems the workflow settings have. */
  settingsProblems: number;
  onOpenSettings: () => void;
}

export function EditorTopBar({ nameRef, ...props }: EditorTopBarProps) {
  const activeId = useId();
  const { name, nameError, dirty, saving, unpublished, problems, active, runBlocker } = props;
  // Deliveries exist for the saved workflow, so the entry point follows the saved trigger.
  const workflowId = String(useParams<{ id: string }>()?.id ?? "");
  const saved = useWorkflowQuery(workflowId).data;
  // Viewers see the workflow; the server refuses their changes anyway, so the controls are not offered.
  const canEdit = useCan("editor");
  const runButton = (
    <Button variant="outline" size="sm" onClick={props.onRun} disabled={runBlocker !== null}>
      <Play />
      Run
    </Button>
  );

  return (
    <div className="flex h-14 shrink-0 items-center gap-2 border-b bg-card px-3">
      <Button asChild variant="ghost" size="icon-sm" aria-label="Back to workflows">
        <Link href="/workflows">
          <ArrowLeft />
        </Link>
      </Button>
      <Tooltip>
        <TooltipTrigger asChild>
          <Input
            ref={nameRef}
            value={name}
            onChange={(e) => props.onNameChange(e.target.value)}
            readOnly={!canEdit}
            aria-label="Workflow name"
            aria-invalid={nameError ? true : undefined}
            placeholder="Untitled workflow"
            maxLength={200}
            className="h-8 max-w-72 min-w-32 border-transparent bg-transparent px-2 text-base font-semibold shadow-none [field-sizing:content] hover:border-input focus-visible:border-input"
          />
        </TooltipTrigger>
        {nameError && <TooltipContent>{nameError}</TooltipContent>}
      </Tooltip>
      {canEdit ? <SaveStatus dirty={dirty} saving={saving} unpublished={unpublished} version={saved?.version ?? 1} /> : <span className="rounded-md border px-2 py-0.5 text-xs text-muted-foreground">Read-only</span>}

      <div className="ml-auto flex items-center gap-2">
        {canEdit && <HistoryButtons {...props.history} />}
        <ProblemsMenu problems={problems} onSelect={props.onSelectProblem} />
        <div className="mx-1 h-6 w-px bg-border" />
        <Tooltip>
          <TooltipTrigger asChild>
            <div className="flex items-center gap-2 px-1">
              <Switch id={activeId} checked={active} onCheckedChange={props.onActiveChange} disabled={props.activeChanging || !canEdit} />
              <label htmlFor={activeId} className="text-sm font-medium">
                Active
              </label>
            </div>
          </TooltipTrigger>
          <TooltipContent>{active ? "Webhooks, schedules, polls and events start runs." : "Triggers are off; manual runs still work."}</TooltipContent>
        </Tooltip>
        {saved?.triggerType && receivesWebhooks(saved.triggerType) && (
          <Tooltip>
            <TooltipTrigger asChild>
              <Button asChild variant="outline" size="icon-sm" className="size-8">
                <Link href={`/workflows/${workflowId}/deliveries`} aria-label="Deliveries">
                  <Inbox />
                </Link>
              </Button>
            </TooltipTrigger>
            <TooltipContent>Webhook deliveries</TooltipContent>
          </Tooltip>
        )}
        {canEdit && (
          <Tooltip>
            <TooltipTrigger asChild>
              <Button variant="outline" size="icon-sm" className="size-8" onClick={props.onDescribe} aria-label="Describe a change">
                <Sparkles />
              </Button>
            </TooltipTrigger>
            <TooltipContent>Describe a change: the AI model edits the workflow</TooltipContent>
          </Tooltip>
        )}
        <Tooltip>
          <TooltipTrigger asChild>
            <Button variant="outline" size="icon-sm" className="size-8" onClick={props.onOpenHistory} aria-label="Version history">
              <History />
            </Button>
          </TooltipTrigger>
          <TooltipContent>Version history: compare and restore published versions</TooltipContent>
        </Tooltip>
        <Button variant="outline" size="sm" onClick={props.onOpenSettings} aria-label="Workflow settings" className="relative">
          <SlidersHorizontal />
          Settings
          {props.settingsProblems > 0 && (
            <span aria-hidden className="absolute -top-1 -right-1 size-2.5 rounded-full bg-destructive ring-2 ring-card" />
          )}
        </Button>
        {!canEdit ? null : runBlocker ? (
          <Tooltip>
            <TooltipTrigger asChild>
              <span tabIndex={0} className="rounded-md focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
                {runButton}
              </span>
            </TooltipTrigger>
            <TooltipContent>{runBlocker}</TooltipContent>
          </Tooltip>
        ) : (
          runButton
        )}
        {canEdit && (
          <>
            <Tooltip>
              <TooltipTrigger asChild>
                <Button variant="outline" size="sm" onClick={props.onSave} disabled={saving || !dirty}>
                  {saving ? <Loader2 className="animate-spin" /> : <Save />}
                  Save
                </Button>
              </TooltipTrigger>
              <TooltipContent>Save as a draft (Ctrl+S): triggers keep the published version</TooltipContent>
            </Tooltip>
            <Tooltip>
              <TooltipTrigger asChild>
                <Button size="sm" onClick={props.onPublish} disabled={!dirty && !unpublished}>
                  <Rocket />
                  Publish
                </Button>
              </TooltipTrigger>
              <TooltipContent>{dirty || unpublished ? "Make your changes the version triggers and runs use" : "Nothing to publish: no changes since the published version"}</TooltipContent>
            </Tooltip>
          </>
        )}
      </div>
    </div>
  );
}

function HistoryButtons({ canUndo, canRedo, undo, redo }: EditorTopBarProps["history"]) {
  return (
    <div className="flex items-center">
      <Tooltip>
        <TooltipTrigger asChild>
          <Button variant="ghost" size="icon-sm" onClick={undo} disabled={!canUndo} aria-label="Undo">
            <Undo2 />
          </Button>
        </TooltipTrigger>
        <TooltipContent>Undo (Ctrl+Z)</TooltipContent>
      </Tooltip>
      <Tooltip>
        <TooltipTrigger asChild>
          <Button variant="ghost" size="icon-sm" onClick={redo} disabled={!canRedo} aria-label="Redo">
            <Redo2 />
          </Button>
        </TooltipTrigger>
        <TooltipContent>Redo (Ctrl+Shift+Z)</TooltipContent>
      </Tooltip>
    </div>
  );
}
