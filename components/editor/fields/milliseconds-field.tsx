"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { millisecondsText, parseMilliseconds } from "@/lib/editor/settings";
import { formatDuration } from "@/lib/document/duration";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

function rangeHint(minimum?: number, maximum?: number): string | undefined {
  if (maximum === undefined) return minimum ? `At least ${formatDuration(minimum)}.` : undefined;
  return minimum ? `Between ${formatDuration(minimum)} and ${formatDuration(maximum)}.` : `Up to ${formatDuration(maximum)}.`;
}

/**
 * An amount of milliseconds typed as a duration ("30s", "5m", "1h 30m") or a number of ms, with a
 * read-back of what was understood. Empty means the default, shown as the placeholder.
 */
export function MillisecondsField({ id, field, value, onChange, errors }: FieldProps) {
  const [text, setText] = useState(() => (typeof value === "number" ? millisecondsText(value) : ""));
  const ms = parseMilliseconds(text);
  const parseError = text.trim() && ms === null ? "Use a duration such as 500ms, 30s, 5m or 1h 30m" : null;
  const allErrors = parseError ? [parseError, ...errors] : errors;
  const help = [field.description, rangeHint(field.minimum, field.maximum)].filter(Boolean).join(" ") || undefined;
  const placeholder = field.placeholder ?? (typeof field.defaultValue === "number" ? formatDuration(field.defaultValue) : undefined);

  const change = (next: string) => {
    setText(next);
    if (!next.trim()) onChange(undefined);
    else {
      const parsed = parseMilliseconds(next);
      if (parsed !== null) onChange(parsed);
    }
  };

  return (
    <FieldShell id={id} label={field.label} required={field.required} help={help} errors={allErrors}>
      <div className="relative">
        <Input
          id={id}
          value={text}
          onChange={(e) => change(e.target.value)}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          className="pr-24 font-mono"
          {...describedBy(id, { help, errors: allErrors })}
        />
        {ms !== null && text.trim() !== formatDuration(ms) && (
          <span className="pointer-events-none absolute top-1/2 right-3 max-w-20 -translate-y-1/2 truncate text-xs text-muted-foreground">= {formatDuration(ms)}</span>
        )}
      </div>
    </FieldShell>
  );
}
