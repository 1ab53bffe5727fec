import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

export function EnumField({ id, field, value, onChange, errors }: FieldProps) {
  const current = value ?? field.defaultValue;
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={field.description} errors={errors}>
      <Select value={current === undefined ? undefined : String(current)} onValueChange={onChange}>
        <SelectTrigger id={id} {...describedBy(id, { help: field.description, errors })}>
          <SelectValue placeholder="Choose…" />
        </SelectTrigger>
        <SelectContent>
          {field.options?.map((option) => (
            <SelectItem key={option} value={option}>
              {field.optionLabels?.[option] ?? option}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </FieldShell>
  );
}
