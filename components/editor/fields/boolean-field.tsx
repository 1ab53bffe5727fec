import { Switch } from "@/components/ui/switch";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

export function BooleanField({ id, field, value, onChange, errors }: FieldProps) {
  const checked = Boolean(value ?? field.defaultValue ?? false);
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={field.description} errors={errors} inline>
      <Switch id={id} checked={checked} onCheckedChange={onChange} className="mt-0.5" {...describedBy(id, { help: field.description, errors })} />
    </FieldShell>
  );
}
