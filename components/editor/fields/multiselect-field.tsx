import { cn } from "@/lib/utils";
import { FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

/** A set of choices as toggle chips (e.g. the HTTP methods a webhook accepts). */
export function MultiSelectField({ id, field, value, onChange, errors }: FieldProps) {
  const selected = Array.isArray(value) ? (value as string[]) : Array.isArray(field.defaultValue) ? (field.defaultValue as string[]) : [];
  const toggle = (option: string) => {
    const next = selected.includes(option) ? selected.filter((o) => o !== option) : [...selected, option];
    onChange((field.options ?? []).filter((o) => next.includes(o)));
  };
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={field.description} errors={errors}>
      <div id={id} role="group" aria-labelledby={`${id}-label`} className="flex flex-wrap gap-1.5">
        {field.options?.map((option) => {
          const on = selected.includes(option);
          return (
            <button
              key={option}
              type="button"
              aria-pressed={on}
              title={field.optionLabels?.[option]}
              onClick={() => toggle(option)}
              className={cn(
                "rounded-md border px-2.5 py-1 font-mono text-xs transition-colors focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                on ? "border-primary bg-primary text-primary-foreground" : "bg-background text-muted-foreground hover:bg-muted hover:text-foreground",
              )}
            >
              {option}
            </button>
          );
        })}
      </div>
    </FieldShell>
  );
}
