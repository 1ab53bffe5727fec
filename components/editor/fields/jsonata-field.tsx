import { ExpressionInput } from "../expression-input";
import { JSONATA_BADGE } from "./badges";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

/** A raw JSONata expression (no `{{ }}`), checked for syntax as you type; data references complete and drop in. */
export function JsonataField({ id, field, value, onChange, errors, nested }: FieldProps) {
  const help = field.description ?? (nested ? undefined : "JSONata over { trigger, steps, run, input }.");
  const text = typeof value === "string" ? value : "";
  const a11y = describedBy(id, { help, errors });
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={help} badge={JSONATA_BADGE} errors={errors}>
      <ExpressionInput
        id={id}
        raw
        multiline
        value={text}
        onChange={(next) => onChange(next === "" && !field.required ? undefined : next)}
        rows={Math.min(10, Math.max(nested ? 2 : 3, text.split("\n").length))}
        describedBy={a11y["aria-describedby"]}
        invalid={!!a11y["aria-invalid"]}
      />
    </FieldShell>
  );
}
