"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useConnections } from "@/components/connections/connection-queries";
import { useWorkflows } from "@/components/workflows/workflow-queries";
import { useCan } from "@/lib/client/access";
import { WORKFLOW_SETTING_LABELS } from "@/lib/editor/describe-issue";
import { configFields, type ConfigField } from "@/lib/editor/field-model";
import { withSetting } from "@/lib/editor/settings";
import { DEFAULT_ALERT_EVERY_MINUTES, workflowSettingsSchema, type AlertSettings, type WorkflowSettings } from "@/lib/document/schema";
import { describedBy, FieldShell } from "./fields/field-shell";
import { MillisecondsField } from "./fields/milliseconds-field";
import { NumberField } from "./fields/number-field";

const PRESENTATION: Record<string, Partial<ConfigField>> = {
  concurrency: { description: "At most this many runs at once; later runs wait in the queue, oldest first, and none is dropped.", placeholder: "Unlimited" },
  timeoutMs: { description: "A run still going after this long fails with a timeout, also while it sleeps or waits. Empty: no limit.", placeholder: "No limit" },
};

/** Limits come from the engine's schema; labels are the ones issues use. */
const FIELDS = Object.fromEntries(
  configFields(workflowSettingsSchema).map((field) => [field.key, { ...field, label: WORKFLOW_SETTING_LABELS[field.key] ?? field.label, ...PRESENTATION[field.key] }]),
);

const NONE = "none";

interface WorkflowSettingsDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  workflowId: string;
  settings: WorkflowSettings | undefined;
  /** Issues by setting key, from the live check and the server. */
  issues: ReadonlyMap<string, string[]>;
  onChange: (settings: WorkflowSettings) => void;
}

/** The document's own settings: how many runs at once, what starts when one fails, how long one may take. */
export function WorkflowSettingsDialog({ open, onOpenChange, workflowId, settings, issues, onChange }: WorkflowSettingsDialogProps) {
  const idPrefix = useId();
  const canEdit = useCan("editor");
  const set = <K extends keyof WorkflowSettings>(key: K, value: WorkflowSettings[K] | undefined) => onChange(withSetting(settings, key, value));
  const errorsOf = (key: string) => issues.get(key) ?? [];
  const general = issues.get("") ?? [];

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg grid-cols-[minmax(0,1fr)]">
        <DialogHeader>
          <DialogTitle>Workflow settings</DialogTitle>
          <DialogDescription>How runs of this workflow are scheduled and what happens when one fails. Changes are saved with the workflow.</DialogDescription>
        </DialogHeader>
        {general.length > 0 && (
          <div role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 p-2.5 text-xs text-destructive">
            {general.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
        {/* Viewers see the settings without changing them. */}
        <fieldset disabled={!canEdit} className="space-y-5">
          <NumberField
            id={`${idPrefix}-concurrency`}
            field={FIELDS.concurrency}
            value={settings?.concurrency}
            onChange={(value) => set("concurrency", value as number | undefined)}
            errors={errorsOf("concurrency")}
          />
          <FailureWorkflowField
            id={`${idPrefix}-failure`}
            workflowId={workflowId}
            value={settings?.failureWorkflowId}
            onChange={(value) => set("failureWorkflowId", value)}
            errors={errorsOf("failureWorkflowId")}
          />
          <MillisecondsField
            id={`${idPrefix}-timeout`}
            field={FIELDS.timeoutMs}
            value={settings?.timeoutMs}
            onChange={(value) => set("timeoutMs", value as number | undefined)}
            errors={errorsOf("timeoutMs")}
          />
          <AlertsField id={`${idPrefix}-alerts`} value={settings?.alerts} onChange={(value) => set("alerts", value)} errors={errorsOf("alerts")} />
        </fieldset>
        <DialogFooter>
          <DialogClose asChild>
            <Button>Done</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

interface FailureWorkflowFieldProps {
  id: string;
  workflowId: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  errors: string[];
}

/** Any other workflow, or none. A saved choice that no longer exists stays listed, so it can be seen and changed. */
function FailureWorkflowField({ id, workflowId, value, onChange, errors }: FailureWorkflowFieldProps) {
  const workflows = useWorkflows();
  const others = (workflows.data ?? []).filter((w) => w.id !== workflowId);
  const missing = value && workflows.data && !others.some((w) => w.id === value);
  const help = workflows.isError
    ? "Could not load the list of workflows."
    : workflows.data && !others.length
      ? "There is no other workflow yet. Create one to alert someone when a run fails."
      : "Started with the failed run's details whenever a run of this workflow fails, e.g. to alert someone.";

  return (
    <FieldShell id={id} label={WORKFLOW_SETTING_LABELS.failureWorkflowId} help={help} errors={errors}>
      <Select value={value ?? NONE} onValueChange={(next) => onChange(next === NONE ? undefined : next)} disabled={workflows.isPending}>
        <SelectTrigger id={id} {...describedBy(id, { help, errors })}>
          {workflows.isPending ? <span className="text-muted-foreground">Loading workflows…</span> : <SelectValue />}
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={NONE}>None</SelectItem>
          {others.map((workflow) => (
            <SelectItem key={workflow.id} value={workflow.id}>
              {workflow.name}
            </SelectItem>
          ))}
          {missing && <SelectItem value={value}>Missing workflow ({value})</SelectItem>}
        </SelectContent>
      </Select>
    </FieldShell>
  );
}

interface AlertsFieldProps {
  id: string;
  value: AlertSettings | undefined;
  onChange: (value: AlertSettings | undefined) => void;
  errors: string[];
}

interface AlertDraft {
  url: string;
  connectionId: string;
  to: string;
  minutes: string;
}

/** The settings value of the form: a channel is set when its fields are filled; no channel, no alerts. */
function alertsOf({ url, connectionId, to, minutes }: AlertDraft): AlertSettings | undefined {
  const every = minutes.trim() === "" ? undefined : Number(minutes);
  const webhookUrl = url.trim() || undefined;
  const email = connectionId || to.trim() ? { connectionId, to: to.trim() } : undefined;
  if (!webhookUrl && !email) return undefined;
  return { ...(webhookUrl ? { webhookUrl } : {}), ...(email ? { email } : {}), ...(every !== undefined && Number.isFinite(every) ? { everyMinutes: every } : {}) };
}

/**
 * Failure alerts: a URL that receives a POST when a run fails (JSON with a Slack-compatible
 * `text`) and/or an e-mail through an SMTP connection, at most once per period per workflow.
 * With neither there are no alerts.
 */
function AlertsField({ id, value, onChange, errors }: AlertsFieldProps) {
  const [draft, setDraft] = useState<AlertDraft>({
    url: value?.webhookUrl ?? "",
    connectionId: value?.email?.connectionId ?? "",
    to: value?.email?.to ?? "",
    minutes: value?.everyMinutes === undefined ? "" : String(value.everyMinutes),
  });
  const connections = useConnections();
  const smtp = (connections.data ?? []).filter((connection) => connection.type === "smtp");
  const update = (patch: Partial<AlertDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    onChange(alertsOf(next));
  };
  const hasChannel = Boolean(draft.url.trim() || draft.connectionId || draft.to.trim());
  const help = "Receives a POST with the failed run's details (JSON, with a Slack-compatible text) when a run fails.";
  const mailHelp = smtp.length || connections.isPending ? "Sent through this SMTP connection when a run fails." : "Add an SMTP connection on the Connections page to alert by e-mail.";
  return (
    <div className="space-y-3 rounded-lg border p-3">
      <FieldShell id={`${id}-url`} label="Alert webhook URL" help={help} errors={[]}>
        <Input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          value={draft.url}
          placeholder="https://hooks.example.com/…"
          onChange={(event) => update({ url: event.target.value })}
          {...describedBy(`${id}-url`, { help, errors: [] })}
        />
      </FieldShell>
      <div className="grid grid-cols-2 gap-3">
        <FieldShell id={`${id}-smtp`} label="Alert e-mail via" help={mailHelp} errors={[]}>
          <Select value={draft.connectionId || NONE} onValueChange={(next) => update({ connectionId: next === NONE ? "" : next })}>
            <SelectTrigger id={`${id}-smtp`} {...describedBy(`${id}-smtp`, { help: mailHelp, errors: [] })}>
              <SelectValue placeholder={connections.isPending ? "Loading…" : "No e-mail"} />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={NONE}>No e-mail</SelectItem>
              {smtp.map((connection) => (
                <SelectItem key={connection.id} value={connection.id}>
                  {connection.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </FieldShell>
        <FieldShell id={`${id}-to`} label="Alert e-mail to" help="Addresses separated by commas." errors={[]}>
          <Input id={`${id}-to`} type="text" inputMode="email" value={draft.to} placeholder="ops@example.com" onChange={(event) => update({ to: event.target.value })} />
        </FieldShell>
      </div>
      <FieldShell id={`${id}-every`} label="At most one alert every" help="Minutes, per workflow; failures in between are counted in the next alert." errors={[]}>
        <div className="flex items-center gap-2">
          <Input
            id={`${id}-every`}
            type="number"
            inputMode="numeric"
            min={1}
            max={1440}
            step={1}
            value={draft.minutes}
            placeholder={String(DEFAULT_ALERT_EVERY_MINUTES)}
            disabled={!hasChannel}
            className="w-28"
            onChange={(event) => update({ minutes: event.target.value })}
          />
          <span className="text-sm text-muted-foreground">minutes</span>
        </div>
      </FieldShell>
      {errors.length > 0 && (
        <ul role="alert" className="space-y-0.5 text-xs font-medium text-destructive">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
