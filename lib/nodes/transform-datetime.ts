import { CalendarClock } from "lucide-react";
import { z } from "zod";
import { hasExpression } from "@/lib/document/expressions";
import { NodeError } from "./errors";
import { defineNode } from "./types";

/** An IANA zone name ("Europe/Paris"), "UTC", or a fixed offset such as "UTC+2". Checked with Intl, so it works in the browser. */
export function isKnownTimeZone(zone: string): boolean {
  const name = zone.trim();
  if (!name || hasExpression(name) || /^UTC(?:[+-]\d{1,2}(?::\d{2})?)?$/i.test(name)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Reads a date (ISO 8601 by default), shifts it and writes it in a format (ISO 8601 by default) and time zone. */
export const dateTimeTransform = defineNode({
  type: "transform.datetime",
  kind: "step",
  pure: true,
  category: "transform",
  label: "Date & time",
  description: "Read a date, shift it (+1 day, -2 hours...) and format it, in any time zone.",
  icon: CalendarClock,
  config: z.object({
    value: z
      .unknown()
      .refine((v) => v !== undefined && v !== "", "Enter a date or an expression")
      .meta({ title: "Date", description: "The date to read, e.g. {{ input.createdAt }}, or {{ $now() }} for now.", widget: "text" }),
    inputFormat: z
      .string()
      .trim()
      .optional()
      .meta({ title: "Read format", description: "Empty: ISO 8601 (also RFC 2822, HTTP and SQL dates, and epoch milliseconds). Otherwise tokens such as dd/MM/yyyy HH:mm; X reads Unix seconds." }),
    shift: z
      .string()
      .trim()
      .optional()
      .meta({ title: "Shift by", description: 'Add or subtract time: "+1 day", "-2h30m", "+3 months", or ISO 8601 such as P1W. Units: y, mo, w, d, h, m (minutes), s, ms.' }),
    outputFormat: z
      .string()
      .trim()
      .optional()
      .meta({ title: "Output format", description: "Empty: ISO 8601. Otherwise tokens such as yyyy-MM-dd, dd LLL yyyy HH:mm or EEEE; x gives epoch milliseconds and X Unix seconds (as numbers)." }),
    timeZone: z
      .string()
      .trim()
      .default("UTC")
      .refine(isKnownTimeZone, "Use an IANA time zone such as Europe/Paris or America/New_York")
      .meta({ title: "Time zone", description: "IANA name (Europe/Paris, America/New_York) or UTC: dates without an offset are read in it, and the output is written in it." }),
    locale: z.string().trim().default("en-US").meta({ title: "Language", description: "For month and day names in the formats, e.g. en-US, fr-FR, de-DE." }),
  }),
  defaults: { value: "{{ $now() }}", timeZone: "UTC", locale: "en-US" },
  async execute({ config, services }) {
    try {
      return {
        output: services.transforms.dateTime({
          value: config.value,
          inputFormat: config.inputFormat,
          shift: config.shift,
          outputFormat: config.outputFormat,
          timeZone: config.timeZone,
          locale: config.locale,
        }),
      };
    } catch (error) {
      throw new NodeError((error as Error).message, { retriable: false });
    }
  },
});
