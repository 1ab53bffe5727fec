"use client";

import { useId } from "react";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { describedBy, FieldShell } from "./fields/field-shell";
import { SettingsSection } from "./settings-section";

const NONE = "__none__";

interface CompensationSettingsProps {
  value: string | undefined;
  /** Nodes that can undo this one: not triggers, not this node, with no connections. */
  candidates: string[];
  errors: string[];
  onChange: (nodeId: string | undefined) => void;
}

/** Saga: the node that undoes this one's work when a later step fails the run. */
export function CompensationSettings({ value, candidates, errors, onChange }: CompensationSettingsProps) {
  const id = useId();
  const help = candidates.length
    ? "Runs with this node's output as its input if a later step fails the run; compensations run newest first."
    : "Add a node without connections (e.g. a refund call) to undo this one when a later step fails the run.";
  const missing = value && !candidates.includes(value);
  return (
    <SettingsSection title="Undo on failure" description="Saga compensation: completed steps are undone in reverse order when the run fails.">
      <FieldShell id={id} label="Compensation node" help={help} errors={errors}>
        <Select value={value ?? NONE} onValueChange={(next) => onChange(next === NONE ? undefined : next)}>
          <SelectTrigger id={id} {...describedBy(id, { help, errors })}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={NONE}>None</SelectItem>
            {candidates.map((nodeId) => (
              <SelectItem key={nodeId} value={nodeId}>
                {nodeId}
              </SelectItem>
            ))}
            {missing && <SelectItem value={value}>{value}</SelectItem>}
          </SelectContent>
        </Select>
      </FieldShell>
    </SettingsSection>
  );
}
