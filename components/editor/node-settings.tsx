"use client";

import { Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { NodeIssue } from "@/lib/editor/issues";
import type { NodeSettings as Settings } from "@/lib/editor/settings";
import type { NodeDefinition } from "@/lib/nodes";
import { CompensationSettings } from "./compensation-settings";
import { OnErrorSettings } from "./on-error-settings";
import { RetrySettings } from "./retry-settings";
import { SettingsSection } from "./settings-section";
import { TimeoutSettings } from "./timeout-settings";

interface NodeSettingsProps {
  nodeId: string;
  definition: NodeDefinition | undefined;
  settings: Settings | undefined;
  /** Issues of the settings section, paths such as ["retry", "maxAttempts"]. */
  issues: NodeIssue[];
  errorConnected: boolean;
  /** Nodes that may compensate this one (saga). */
  compensationCandidates: string[];
  /** Receives the one setting to change; the others are kept. */
  onChange: <K extends keyof Settings>(key: K, value: Settings[K] | undefined) => void;
  onDelete: () => void;
}

/** The inspector's Settings tab: how the node runs (retries, time limit, failures) and removing it. */
export function NodeSettings({ nodeId, definition, settings, issues, errorConnected, compensationCandidates, onChange, onDelete }: NodeSettingsProps) {
  const isTrigger = definition?.category === "trigger";
  const isStep = definition?.kind === "step" && !isTrigger;
  const messagesAt = (key: string) => [...new Set(issues.filter((i) => i.path[0] === key).map((i) => i.message))];

  return (
    <>
      {isTrigger && <p className="text-sm text-muted-foreground">Triggers start runs; they are never retried and cannot fail a run.</p>}
      {!isTrigger && !isStep && <p className="text-sm text-muted-foreground">This node waits rather than works, so there is nothing to retry or time out.</p>}
      {isStep && (
        <>
          <RetrySettings nodeId={nodeId} retry={settings?.retry} issues={issues} onChange={(retry) => onChange("retry", retry)} />
          <TimeoutSettings key={nodeId} timeoutMs={settings?.timeoutMs} errors={messagesAt("timeoutMs")} onChange={(value) => onChange("timeoutMs", value)} />
        </>
      )}
      {!isTrigger && (
        <OnErrorSettings mode={settings?.onError} retries={isStep} errorConnected={errorConnected} errors={messagesAt("onError")} onChange={(mode) => onChange("onError", mode)} />
      )}
      {!isTrigger && (
        <CompensationSettings
          value={settings?.compensation}
          candidates={compensationCandidates}
          errors={messagesAt("compensation")}
          onChange={(nodeId) => onChange("compensation", nodeId)}
        />
      )}
      <SettingsSection title="Remove" description="Deletes the node and its connections. You can also press Delete on the canvas.">
        <div>
          <Button variant="outline" size="sm" onClick={onDelete} className="text-destructive hover:bg-destructive/10 hover:text-destructive">
            <Trash2 />
            Delete node
          </Button>
        </div>
      </SettingsSection>
    </>
  );
}

