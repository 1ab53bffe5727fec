import { Textarea } from "@/components/ui/textarea";
import { JSONATA_BADGE } from "./badges";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

/** A raw JSONata expression (no `{{ }}`), checked for syntax as you type. */
export function JsonataField({ id, field, value, onChange, errors, nested }: FieldProps) {
  const help = field.description ?? (nested ? undefined : "JSONata over { trigger, steps, run, input }.");
  const text = typeof value === "string" ? value : "";
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={help} badge={JSONATA_BADGE} errors={errors}>
      <Textarea
        id={id}
        value={text}
        onChange={(e) => onChange(e.target.value === "" && !field.required ? undefined : e.target.value)}
        rows={Math.min(10, Math.max(nested ? 2 : 3, text.split("\n").length))}
        spellCheck={false}
        autoComplete="off"
        className="font-mono text-xs leading-relaxed"
        {...describedBy(id, { help, errors })}
      />
    </FieldShell>
  );
}
