import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { formatDuration, parseDuration } from "@/lib/document/duration";
import { hasExpression } from "@/lib/document/expressions";
import { EXPRESSION_BADGE } from "./badges";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

const PRESETS = ["30s", "5m", "1h", "1d"];

/** A duration such as "1h30m", with presets and a read-back of what was understood. */
export function DurationField({ id, field, value, onChange, errors }: FieldProps) {
  const text = typeof value === "string" ? value : "";
  const ms = parseDuration(text);
  const readBack = hasExpression(text) && field.expressions !== false ? "Worked out when the step runs" : ms !== null ? `= ${formatDuration(ms)}` : null;
  const change = (next: string) => onChange(next === "" && !field.required ? undefined : next);
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={field.description} badge={field.expressions === false ? undefined : EXPRESSION_BADGE} errors={errors}>
      <div className="relative">
        <Input id={id} value={text} onChange={(e) => change(e.target.value)} placeholder="e.g. 10s" spellCheck={false} autoComplete="off" className="pr-24 font-mono" {...describedBy(id, { help: field.description, errors })} />
        {readBack && <span className="pointer-events-none absolute top-1/2 right-3 max-w-20 -translate-y-1/2 truncate text-xs text-muted-foreground">{readBack}</span>}
      </div>
      <div className="flex gap-1">
        {PRESETS.map((preset) => (
          <Button key={preset} variant="secondary" size="sm" className="h-6 px-2 font-mono text-[11px]" aria-label={`${field.label}: ${preset}`} aria-pressed={text === preset} onClick={() => onChange(preset)}>
            {preset}
          </Button>
        ))}
      </div>
    </FieldShell>
  );
}
