import { Plus, X } from "lucide-react";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { singularLabel } from "@/lib/editor/field-model";
import { ExpressionInput } from "../expression-input";
import { EXPRESSION_BADGE } from "./badges";
import { FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

interface Row {
  id: number;
  key: string;
  value: string;
}

/** A string-to-string map edited as rows. Rows without a key are kept on screen but not in the config. */
export function KeyValueField({ id, field, value, onChange, errors }: FieldProps) {
  // Only a source of unique row ids: its value never shows, so reading it while rendering is safe.
  const nextId = useRef(0);
  // eslint-disable-next-line react-hooks/refs -- see above
  const [rows, setRows] = useState<Row[]>(() =>
    Object.entries(value && typeof value === "object" ? (value as Record<string, unknown>) : {}).map(([key, v]) => ({ id: nextId.current++, key, value: String(v ?? "") })),
  );

  const commit = (next: Row[]) => {
    setRows(next);
    const entries = next.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value] as const);
    onChange(entries.length ? Object.fromEntries(entries) : field.required ? {} : undefined);
  };
  const update = (rowId: number, patch: Partial<Row>) => commit(rows.map((r) => (r.id === rowId ? { ...r, ...patch } : r)));

  const keys = rows.map((r) => r.key.trim()).filter(Boolean);
  const repeated = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
  const allErrors = [...repeated.map((k) => `“${k}” appears twice; the last row wins`), ...errors];
  const noun = singularLabel(field.label).toLowerCase();

  return (
    <FieldShell id={id} label={field.label} required={field.required} help={field.description} badge={EXPRESSION_BADGE} errors={allErrors}>
      <div id={id} role="group" aria-labelledby={`${id}-label`} className="space-y-1.5">
        {rows.map((row, index) => (
          <div key={row.id} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_auto] items-start gap-1.5">
            <Input value={row.key} onChange={(e) => update(row.id, { key: e.target.value })} placeholder="Name" aria-label={`${field.label}: name ${index + 1}`} spellCheck={false} className="h-8 font-mono text-xs" />
            <ExpressionInput
              id={`${id}-value-${row.id}`}
              compact
              value={row.value}
              onChange={(next) => update(row.id, { value: next })}
              placeholder="Value"
              label={`${field.label}: value ${index + 1}`}
            />
            <Button variant="ghost" size="icon-sm" aria-label={`Remove ${noun} ${index + 1}`} onClick={() => commit(rows.filter((r) => r.id !== row.id))}>
              <X />
            </Button>
          </div>
        ))}
        <Button variant="outline" size="sm" onClick={() => setRows([...rows, { id: nextId.current++, key: "", value: "" }])}>
          <Plus />
          Add {noun}
        </Button>
      </div>
    </FieldShell>
  );
}
