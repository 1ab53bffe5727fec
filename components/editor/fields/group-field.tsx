import { isFieldShown } from "@/lib/editor/field-model";
import { ConfigFieldControl } from "./config-field";
import type { FieldProps } from "./types";

/**
 * An object with known fields (e.g. a webhook's signature settings), edited as a titled section.
 * Fields marked `showWhen` appear only while the fields they depend on hold a matching value.
 */
export function GroupField({ id, field, value, onChange, errors, issues }: FieldProps) {
  const current = (value && typeof value === "object" ? value : (field.defaultValue ?? {})) as Record<string, unknown>;
  const fields = field.fields ?? [];
  const groupIssues = issues ?? errors.map((message) => ({ path: [], message }));
  const own = groupIssues.filter((i) => i.path.length === 0).map((i) => i.message);
  const set = (key: string, next: unknown) => {
    const updated = { ...current };
    if (next === undefined) delete updated[key];
    else updated[key] = next;
    onChange(updated);
  };
  return (
    <fieldset className="space-y-4 rounded-lg border p-3">
      <legend className="px-1 text-sm font-medium">{field.label}</legend>
      {field.description && <p className="-mt-2 text-xs text-muted-foreground">{field.description}</p>}
      {own.length > 0 && (
        <div role="alert" className="text-xs font-medium text-destructive">
          {own.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      {fields
        .filter((child) => isFieldShown(child, fields, current))
        .map((child) => {
          const inside = groupIssues.filter((i) => i.path.length > 0 && String(i.path[0]) === child.key).map((i) => ({ ...i, path: i.path.slice(1) }));
          return (
            <ConfigFieldControl
              key={child.key}
              id={`${id}-${child.key}`}
              field={child}
              value={current[child.key]}
              onChange={(next) => set(child.key, next)}
              errors={inside.filter((i) => i.path.length === 0).map((i) => i.message)}
              issues={inside}
              siblings={current}
            />
          );
        })}
    </fieldset>
  );
}
