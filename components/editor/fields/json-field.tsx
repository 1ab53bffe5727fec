import { useState } from "react";
import { Textarea } from "@/components/ui/textarea";
import { JSON_BADGE } from "./badges";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

function formatJson(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

/**
 * A JSON value edited as text. The config holds the parsed value, updated whenever the text
 * parses; while it does not, the error is shown and the last valid value is kept.
 */
export function JsonField({ id, field, value, onChange, errors }: FieldProps) {
  const [text, setText] = useState(() => formatJson(value));
  const [parseError, setParseError] = useState<string | null>(null);

  const change = (next: string) => {
    setText(next);
    if (!next.trim()) {
      setParseError(null);
      onChange(undefined);
      return;
    }
    try {
      onChange(JSON.parse(next));
      setParseError(null);
    } catch (error) {
      setParseError(`Not valid JSON: ${(error as Error).message}`);
    }
  };
  const tidy = () => {
    if (!parseError && text.trim()) setText(formatJson(JSON.parse(text)));
  };

  const allErrors = parseError ? [parseError, ...errors] : errors;
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
        placeholder='{ "key": "value" }'
        className="font-mono text-xs leading-relaxed"
        {...describedBy(id, { help: field.description, errors: allErrors })}
      />
    </FieldShell>
  );
}
