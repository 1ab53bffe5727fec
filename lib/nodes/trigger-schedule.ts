import { CalendarClock } from "lucide-react";
import { z } from "zod";
import { cronError, intervalMs, isValidTimeZone, MIN_INTERVAL_MS } from "@/lib/triggers/schedule-times";
import { parseDuration } from "@/lib/document/duration";
import { defineNode } from "./types";

export const scheduleConfigSchema = z
  .object({
    mode: z.enum(["cron", "interval"]).default("cron").meta({ title: "Repeat", description: "cron: a cron expression in a time zone. interval: every so often." }),
    cron: z
      .string()
      .trim()
      .regex(/^[^{}]*$/, "No expressions here")
      .optional()
      .meta({ title: "Cron expression", description: "minute hour day month weekday (a sixth field in front adds seconds).", widget: "cron", showWhen: { mode: ["cron"] } }),
    interval: z
      .string()
      .trim()
      .regex(/^[^{}]*$/, "No expressions here")
      .optional()
      .meta({ title: "Every", description: 'A duration such as "30s", "15m" or "1h30m" (at least 1s).', widget: "duration", showWhen: { mode: ["interval"] } }),
    timezone: z
      .string()
      .trim()
      .regex(/^[^{}\s]*$/, "An IANA time zone such as Europe/Berlin")
      .default("UTC")
      .meta({ title: "Time zone", description: "IANA name, e.g. Europe/Berlin or America/New_York.", showWhen: { mode: ["cron"] } }),
    missed: z.enum(["skip", "runOnce"]).default("skip").meta({
      title: "Missed while down",
      description: "skip: fire times missed while the app was down start nothing. runOnce: one run for the latest missed fire time.",
    }),
  })
  .superRefine((value, ctx) => {
    if (!isValidTimeZone(value.timezone)) ctx.addIssue({ code: "custom", path: ["timezone"], message: `"${value.timezone}" is not an IANA time zone` });
    if (value.mode === "cron") {
      const error = cronError(value.cron ?? "", value.timezone);
      if (error) ctx.addIssue({ code: "custom", path: ["cron"], message: error });
    } else if (!intervalMs({ mode: "interval", interval: value.interval })) {
      const ms = value.interval ? parseDuration(value.interval) : null;
      ctx.addIssue({ code: "custom", path: ["interval"], message: ms !== null && ms < MIN_INTERVAL_MS ? "At least 1s" : 'Use a duration such as "15m"' });
    }
  });

export type ScheduleConfig = z.output<typeof scheduleConfigSchema>;

/** Output: `{ scheduledAt, firedAt, timezone, missed }`: the fire time the run belongs to. */
export const scheduleTrigger = defineNode({
  type: "trigger.schedule",
  kind: "step",
  category: "trigger",
  label: "Schedule",
  description: "Start the workflow on a cron schedule or at an interval.",
  icon: CalendarClock,
  config: scheduleConfigSchema,
  defaults: { mode: "cron", cron: "0 9 * * 1-5", timezone: "UTC", missed: "skip" },
  async execute({ scope }) {
    return { output: scope.trigger };
  },
});
