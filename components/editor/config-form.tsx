"use client";

import { CircleAlert } from "lucide-react";
import { useId, useMemo } from "react";
import { configFields, isFieldShown } from "@/lib/editor/field-model";
import { issuesByField, issuesInside } from "@/lib/editor/issues";
import { getNodeDefinition } from "@/lib/nodes";
import { configIssues } from "@/lib/document/schema";
import { ConfigFieldControl } from "./fields/config-field";

interface ConfigFormProps {
  nodeId: string;
  type: string;
  /** The node's version of its type (1 when absent). */
  typeVersion?: number;
  config: Record<string, unknown>;
  onChange: (update: (config: Record<string, unknown>) => Record<string, unknown>) => void;
}

/** The node's config form, generated from its type's schema and validated as you type. */
export function ConfigForm({ nodeId, type, typeVersion, config, onChange }: ConfigFormProps) {
  const idPrefix = useId();
  const definition = getNodeDefinition(type, typeVersion ?? 1);
  const fields = definition ? configFields(definition.config) : [];
  const issues = useMemo(() => configIssues(type, config, typeVersion), [type, config, typeVersion]);
  const errors = useMemo(() => issuesByField(issues), [issues]);
  const known = new Set(fields.map((f) => f.key));
  const general = [...errors].filter(([key]) => !known.has(key)).flatMap(([, messages]) => messages);

  const setValue = (key: string, value: unknown) =>
    onChange((current) => {
      const next = { ...current };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });

  if (!fields.length && !general.length) return null;
  return (
    <div className="space-y-5">
      {general.length > 0 && (
        <div role="alert" className="flex gap-2 rounded-md border border-destructive/40 bg-destructive/10 p-2.5 text-xs text-destructive">
          <CircleAlert className="mt-px size-3.5 shrink-0" />
          <div>{general.map((message) => <p key={message}>{message}</p>)}</div>
        </div>
      )}
      {fields.filter((field) => isFieldShown(field, fields, config)).map((field) => (
        <ConfigFieldControl
          key={`${nodeId}:${field.key}`}
          id={`${idPrefix}-${field.key}`}
          field={field}
          value={config[field.key]}
          onChange={(value) => setValue(field.key, value)}
          errors={errors.get(field.key) ?? []}
          issues={issuesInside(issues, field.key)}
          siblings={config}
        />
      ))}
    </div>
  );
}
