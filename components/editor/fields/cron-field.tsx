"use client";

import cronstrue from "cronstrue";
import { CalendarClock } from "lucide-react";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cronError, isValidTimeZone, nextFireTimes } from "@/lib/triggers/schedule-times";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

const PRESETS = [
  { label: "Every minute", cron: "* * * * *" },
  { label: "Hourly", cron: "0 * * * *" },
  { label: "Daily 9:00", cron: "0 9 * * *" },
  { label: "Weekdays 9:00", cron: "0 9 * * 1-5" },
];

/** A cron expression with what it means in words and its next 5 fire times in the chosen time zone. */
export function CronField({ id, field, value, onChange, errors, siblings }: FieldProps) {
  const text = typeof value === "string" ? value : "";
  const zone = typeof siblings?.timezone === "string" && isValidTimeZone(siblings.timezone) ? siblings.timezone : "UTC";
  const preview = useMemo(() => {
    if (!text.trim() || cronError(text, zone)) return null;
    let description: string;
    try {
      description = cronstrue.toString(text, { use24HourTimeFormat: true, verbose: false });
    } catch {
      description = "";
    }
    const format = new Intl.DateTimeFormat(undefined, { timeZone: zone, weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: text.trim().split(/\s+/).length > 5 ? "2-digit" : undefined });
    return { description, times: nextFireTimes({ mode: "cron", cron: text, timezone: zone }, 5).map((d) => ({ iso: d.toISOString(), label: format.format(d) })) };
  }, [text, zone]);

  return (
    <FieldShell id={id} label={field.label} required={field.required} help={field.description} errors={errors}>
      <Input id={id} value={text} onChange={(e) => onChange(e.target.value || undefined)} placeholder="0 9 * * 1-5" spellCheck={false} autoComplete="off" className="font-mono" {...describedBy(id, { help: field.description, errors })} />
      <div className="flex flex-wrap gap-1">
        {PRESETS.map((preset) => (
          <Button key={preset.cron} variant="secondary" size="sm" className="h-6 px-2 text-[11px]" aria-pressed={text === preset.cron} onClick={() => onChange(preset.cron)}>
            {preset.label}
          </Button>
        ))}
      </div>
      {preview && (
        <div className="space-y-1.5 rounded-md border bg-muted/40 p-2.5" aria-label="Schedule preview">
          {preview.description && (
            <p className="flex items-start gap-1.5 text-sm font-medium">
              <CalendarClock className="mt-0.5 size-3.5 shrink-0 text-muted-foreground" aria-hidden />
              {preview.description}
            </p>
          )}
          <div>
            <p className="text-[11px] font-medium tracking-wide text-muted-foreground uppercase">Next 5 runs ({zone})</p>
            <ol className="mt-0.5 space-y-0.5 font-mono text-xs tabular-nums" aria-label="Next fire times">
              {preview.times.map((t) => (
                <li key={t.iso}>{t.label}</li>
              ))}
            </ol>
          </div>
        </div>
      )}
    </FieldShell>
  );
}
