import { useState } from "react";
import { Input } from "@/components/ui/input";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

const format = (n: number) => n.toLocaleString("en");

function rangeHint(minimum?: number, maximum?: number): string | undefined {
  if (minimum !== undefined && maximum !== undefined) return `Between ${format(minimum)} and ${format(maximum)}.`;
  if (minimum !== undefined) return `At least ${format(minimum)}.`;
  if (maximum !== undefined) return `At most ${format(maximum)}.`;
  return undefined;
}

/** A number; empty means "use the default", which is shown as the placeholder. */
export function NumberField({ id, field, value, onChange, errors }: FieldProps) {
  const [text, setText] = useState(() => (typeof value === "number" ? String(value) : ""));
  const help = [field.description, rangeHint(field.minimum, field.maximum)].filter(Boolean).join(" ") || undefined;
  const change = (next: string) => {
    setText(next);
    if (next.trim() === "") onChange(undefined);
    else if (Number.isFinite(Number(next))) onChange(Number(next));
  };
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={help} errors={errors}>
      <Input
        id={id}
        type="number"
        inputMode={field.integer ? "numeric" : "decimal"}
        value={text}
        onChange={(e) => change(e.target.value)}
        min={field.minimum}
        max={field.maximum}
        step={field.integer ? 1 : "any"}
        placeholder={field.placeholder ?? (field.defaultValue === undefined ? undefined : String(field.defaultValue))}
        {...describedBy(id, { help, errors })}
      />
    </FieldShell>
  );
}
