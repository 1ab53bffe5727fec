"use client";

import { Info } from "lucide-react";
import { useId } from "react";
import { configFields, type ConfigField } from "@/lib/editor/field-model";
import { issuesByField, type NodeIssue } from "@/lib/editor/issues";
import { describeRetry } from "@/lib/editor/retry";
import { withSetting } from "@/lib/editor/settings";
import { retryPolicySchema, type RetryPolicy } from "@/lib/document/schema";
import { ConfigFieldControl } from "./fields/config-field";
import { MillisecondsField } from "./fields/milliseconds-field";
import { SettingsSection } from "./settings-section";

type Retry = Partial<RetryPolicy>;

const PRESENTATION: Record<string, Pick<ConfigField, "label" | "description">> = {
  maxAttempts: { label: "Max attempts", description: "Attempts in all, the first one included; 1 turns retries off." },
  backoff: { label: "Backoff", description: "Exponential doubles the delay after each failure; fixed keeps it the same." },
  initialDelayMs: { label: "First delay", description: "The wait before the first retry, e.g. 1s or 500ms." },
  maxDelayMs: { label: "Longest delay", description: "No wait between attempts is longer than this, however often the step fails." },
  jitter: { label: "Randomise delays", description: "Shortens each wait at random by up to half, so many runs failing together spread their retries out." },
};

/** Limits and defaults come from the engine's retry schema; only the wording is added here. */
const RETRY_FIELDS = configFields(retryPolicySchema).map((field) => ({ ...field, ...PRESENTATION[field.key] }));

interface RetrySettingsProps {
  nodeId: string;
  retry: Retry | undefined;
  issues: NodeIssue[];
  onChange: (retry: Retry) => void;
}

/** A node's retry policy: how often and how patiently a failing step is tried again. */
export function RetrySettings({ nodeId, retry, issues, onChange }: RetrySettingsProps) {
  const idPrefix = useId();
  const errors = issuesByField(issues.filter((i) => i.path[0] === "retry").map((i) => ({ ...i, path: i.path.slice(1) })));
  const sentence = describeRetry(retry);

  return (
    <SettingsSection title="Retries" description="Runs are durable: a failed step is retried by the engine, even across restarts.">
      {RETRY_FIELDS.map((field) => {
        const Control = field.key.endsWith("Ms") ? MillisecondsField : ConfigFieldControl;
        return (
          <Control
            key={`${nodeId}:${field.key}`}
            id={`${idPrefix}-${field.key}`}
            field={field}
            value={retry?.[field.key as keyof Retry]}
            onChange={(value) => onChange(withSetting(retry, field.key as keyof Retry, value as Retry[keyof Retry]))}
            errors={errors.get(field.key) ?? []}
          />
        );
      })}
      {sentence && (
        <p className="flex gap-2 rounded-md border bg-muted/40 p-3 text-xs leading-relaxed text-muted-foreground">
          <Info className="mt-px size-3.5 shrink-0" />
          {sentence}
        </p>
      )}
    </SettingsSection>
  );
}
