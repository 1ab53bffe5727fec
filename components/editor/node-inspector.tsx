"use client";

import { CircleAlert, CircleHelp, Power, PowerOff, X } from "lucide-react";
import { CATEGORY_STYLES } from "@/components/node-category-style";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useCan } from "@/lib/client/access";
import { describeNodeIssue } from "@/lib/editor/describe-issue";
import { configFields } from "@/lib/editor/field-model";
import type { NodeIssue } from "@/lib/editor/issues";
import { withSetting } from "@/lib/editor/settings";
import type { EditorNode, EditorNodeData } from "@/lib/editor/types";
import { appTriggerOf } from "@/lib/connectors";
import { nodeDefinitionOf } from "@/lib/nodes";
import { cn } from "@/lib/utils";
import { AppTriggerDetails } from "./app-trigger-details";
import { API_OPERATION_TYPE } from "@/lib/openapi/model";
import { ApiOperationForm } from "./api-operation-form";
import { ConfigForm } from "./config-form";
import { ExpressionHint } from "./expression-hint";
import { NodeIdField } from "./node-id-field";
import { NodeSettings } from "./node-settings";
import { SuggestMapping } from "./suggest-mapping";
import { WebhookDetails } from "./webhook-details";

interface NodeInspectorProps {
  node: EditorNode;
  issues: NodeIssue[];
  allIds: string[];
  /** Ids of the non-trigger nodes upstream, nearest first. */
  upstreamStepIds: string[];
  webhookUrl?: string;
  active: boolean;
  /** Something is connected to the node's error output. */
  errorConnected: boolean;
  /** Nodes that may compensate this one (saga). */
  compensationCandidates: string[];
  onUpdate: (update: (data: EditorNodeData) => EditorNodeData) => void;
  onRename: (to: string) => void;
  onDelete: () => void;
  onClose: () => void;
  /** A webhook trigger's captured test event, to pin as its sample data. */
  onCaptured?: (output: unknown) => void;
}

/** Everything about the selected node: name, id, generated config form, and how it runs. */
export function NodeInspector({ node, issues, allIds, upstreamStepIds, webhookUrl, active, errorConnected, compensationCandidates, onUpdate, onRename, onDelete, onClose, onCaptured }: NodeInspectorProps) {
  const { data } = node;
  const definition = nodeDefinitionOf(data);
  const style = CATEGORY_STYLES[definition?.category ?? "action"];
  const Icon = definition?.icon ?? CircleHelp;
  const isTrigger = definition?.category === "trigger";
  // App triggers the user sets up in the app (Slack) show the URL to paste there and how.
  const appSetup = isTrigger ? appTriggerOf(data.type)?.trigger.setup : undefined;
  const appPings = isTrigger && !!appTriggerOf(data.type)?.trigger.changes;
  const appPolls = isTrigger && !!appTriggerOf(data.type)?.trigger.poll;
  const nodeIssues = issues.filter((i) => i.section === "node" || i.section === "connection");
  const configCount = issues.filter((i) => i.section === "config").length;
  const settingsCount = issues.filter((i) => i.section === "settings").length;

  // Viewers see every setting; disabled fieldsets keep them (and Delete) from changing.
  const canEdit = useCan("editor");
  return (
    <aside aria-label="Node settings" className="flex w-84 shrink-0 flex-col border-l bg-card">
      <header className="space-y-3 border-b px-4 py-3">
        <div className="flex items-start gap-3">
          <span className={cn("flex size-9 shrink-0 items-center justify-center rounded-md", style.tile)}>
            <Icon className="size-4.5" />
          </span>
          <div className="min-w-0 flex-1">
            <Input
              readOnly={!canEdit}
              value={data.name ?? ""}
              onChange={(e) => onUpdate((d) => ({ ...d, name: e.target.value || undefined }))}
              placeholder={definition?.label ?? "Name"}
              aria-label="Node name"
              maxLength={120}
              className="-ml-2 h-7 border-transparent bg-transparent px-2 text-sm font-semibold shadow-none placeholder:text-foreground hover:border-input focus-visible:border-input focus-visible:placeholder:text-muted-foreground"
            />
            <p className="truncate text-xs text-muted-foreground">{data.name ? (definition?.label ?? data.type) : style.noun}</p>
          </div>
          {canEdit && !isTrigger && (
            <Button
              variant={data.disabled ? "secondary" : "ghost"}
              size="icon-sm"
              aria-label={data.disabled ? "Enable node" : "Disable node"}
              aria-pressed={!!data.disabled}
              title={data.disabled ? "Enable node (D)" : "Disable node (D): runs pass its input through"}
              onClick={() => onUpdate((d) => ({ ...d, disabled: d.disabled ? undefined : true }))}
            >
              {data.disabled ? <Power /> : <PowerOff />}
            </Button>
          )}
          <Button variant="ghost" size="icon-sm" aria-label="Close node settings" onClick={onClose}>
            <X />
          </Button>
        </div>
        <fieldset disabled={!canEdit} className="contents">
          <NodeIdField key={node.id} nodeId={node.id} allIds={allIds} onRename={onRename} />
        </fieldset>
        {nodeIssues.length > 0 && (
          <ul role="alert" className="space-y-1 rounded-md border border-destructive/40 bg-destructive/10 p-2.5 text-xs text-destructive">
            {nodeIssues.map((issue, i) => (
              <li key={i} className="flex gap-1.5">
                <CircleAlert className="mt-px size-3.5 shrink-0" />
                {describeNodeIssue(issue, data.type)}
              </li>
            ))}
          </ul>
        )}
      </header>

      <Tabs defaultValue="config" className="flex min-h-0 flex-1 flex-col">
        <TabsList className="mx-4 mt-3 grid grid-cols-2">
          <TabsTrigger value="config">
            Config
            {configCount > 0 && <Badge variant="destructive" className="px-1.5 py-0">{configCount}</Badge>}
          </TabsTrigger>
          <TabsTrigger value="settings">
            Settings
            {settingsCount > 0 && <Badge variant="destructive" className="px-1.5 py-0">{settingsCount}</Badge>}
          </TabsTrigger>
        </TabsList>

        <TabsContent value="config" className="min-h-0 flex-1 space-y-5 overflow-y-auto p-4">
          {definition && <p className="text-xs text-muted-foreground">{definition.description}</p>}
          {isTrigger && definition?.app && <AppTriggerDetails app={definition.app.name} setup={appSetup} pings={appPings} polls={appPolls} />}
          {(data.type === "trigger.webhook" || appSetup) && <WebhookDetails webhookUrl={webhookUrl} active={active} app={appSetup && definition?.app?.name} onCaptured={onCaptured} />}
          {!isTrigger && <ExpressionHint upstreamStepIds={upstreamStepIds} />}
          {data.type !== "trigger.webhook" && definition && !configFields(definition.config).length && (
            <p className="text-sm text-muted-foreground">This node has nothing to configure.</p>
          )}
          {canEdit && <SuggestMapping type={data.type} config={data.config} onChange={(update) => onUpdate((d) => ({ ...d, config: update(d.config) }))} />}
          <fieldset disabled={!canEdit} className="contents">
            {data.type === API_OPERATION_TYPE ? (
              <ApiOperationForm
                key={node.id}
                config={data.config}
                onChange={(update) => onUpdate((d) => ({ ...d, config: update(d.config) }))}
                onOperationChosen={(summary, previous) => onUpdate((d) => (!d.name || d.name === previous ? { ...d, name: summary.slice(0, 120) } : d))}
              />
            ) : (
              <ConfigForm key={node.id} nodeId={node.id} type={data.type} typeVersion={data.typeVersion} config={data.config} onChange={(update) => onUpdate((d) => ({ ...d, config: update(d.config) }))} />
            )}
          </fieldset>
        </TabsContent>

        <TabsContent value="settings" className="min-h-0 flex-1 space-y-5 overflow-y-auto p-4">
          <fieldset disabled={!canEdit} className="contents">
          <NodeSettings
            nodeId={node.id}
            definition={definition}
            settings={data.settings}
            issues={issues.filter((i) => i.section === "settings")}
            errorConnected={errorConnected}
            compensationCandidates={compensationCandidates}
            onChange={(key, value) => onUpdate((d) => ({ ...d, settings: withSetting(d.settings, key, value) }))}
            onDelete={onDelete}
          />
          </fieldset>
        </TabsContent>
      </Tabs>
    </aside>
  );
}
