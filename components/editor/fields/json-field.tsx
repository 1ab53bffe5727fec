import { useState } from "react";
import { Textarea } from "@/components/ui/textarea";
import { formatJsonWithExpressions, jsonFieldValue, parseJsonWithExpressions } from "@/lib/document/json-expressions";
import { JSON_BADGE } from "./badges";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

/**
 * A JSON value edited as text, where `{{ expressions }}` may stand for values or for the whole
 * value. The config holds the parsed value on every change; text that does not parse is kept in
 * the config as an invalid-JSON marker, so the error counts as a problem of the workflow (and the
 * text survives) instead of the last valid value silently staying.
 */
export function JsonField({ id, field, value, onChange, errors }: FieldProps) {
  const [text, setText] = useState(() => formatJsonWithExpressions(value));
  const parsed = text.trim() ? parseJsonWithExpressions(text) : null;
  const parseError = parsed && !parsed.ok ? parsed.error : null;

  const change = (next: string) => {
    setText(next);
    onChange(next.trim() ? jsonFieldValue(next) : undefined);
  };
  const tidy = () => {
    if (parsed?.ok) setText(formatJsonWithExpressions(parsed.value));
  };

  // The document check reports the same error once the change is in; show it once.
  const allErrors = parseError ? [parseError, ...errors.filter((e) => e !== parseError)] : errors;
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={field.description} badge={JSON_BADGE} errors={allErrors}>
      <Textarea
        id={id}
        value={text}
        onChange={(e) => change(e.target.value)}
        onBlur={tidy}
        rows={Math.min(12, Math.max(3, text.split("\n").length))}
        spellCheck={false}
        autoComplete="off"
        placeholder='{ "key": "value" } or {{ steps.node_1 }}'
        className="font-mono text-xs leading-relaxed"
        {...describedBy(id, { help: field.description, errors: allErrors })}
      />
    </FieldShell>
  );
}
