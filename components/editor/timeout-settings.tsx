"use client";

import { useId } from "react";
import { configFields } from "@/lib/editor/field-model";
import { DEFAULT_STEP_TIMEOUT_MS } from "@/lib/document/schema";
import { formatDuration } from "@/lib/document/duration";
import { nodeSettingsSchema } from "@/lib/document/schema";
import { MillisecondsField } from "./fields/milliseconds-field";
import { SettingsSection } from "./settings-section";

/** Limits come from the engine's settings schema. */
const TIMEOUT_FIELD = {
  ...configFields(nodeSettingsSchema).find((f) => f.key === "timeoutMs")!,
  label: "Limit per attempt",
  description: `Empty means ${formatDuration(DEFAULT_STEP_TIMEOUT_MS)}.`,
  placeholder: formatDuration(DEFAULT_STEP_TIMEOUT_MS),
};

interface TimeoutSettingsProps {
  timeoutMs: number | undefined;
  errors: string[];
  onChange: (timeoutMs: number | undefined) => void;
}

/** How long one attempt of a step may take before it fails (and is retried). */
export function TimeoutSettings({ timeoutMs, errors, onChange }: TimeoutSettingsProps) {
  const id = useId();
  return (
    <SettingsSection title="Time limit" description="An attempt still running after this long fails with a timeout error, and is retried like any other failure.">
      <MillisecondsField id={id} field={TIMEOUT_FIELD} value={timeoutMs} onChange={(value) => onChange(value as number | undefined)} errors={errors} />
    </SettingsSection>
  );
}
