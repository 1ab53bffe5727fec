import { DateTime, Duration } from "luxon";
import type { DateTimeRequest } from "@/lib/nodes/transform-contract";

/**
 * Dates for `transform.datetime` with Luxon: read a date (ISO 8601 by default, or a format in
 * Luxon tokens), shift it, write it (ISO 8601 by default). Time zones are IANA names; a date
 * without an offset is read in the node's time zone.
 */

export class DateTimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DateTimeError";
  }
}

export function dateTime(request: DateTimeRequest): string | number {
  const zone = request.timeZone.trim() || "UTC";
  if (!DateTime.now().setZone(zone).isValid) throw new DateTimeError(`"${zone}" is not a known time zone (use an IANA name such as Europe/Paris)`);
  const opts = { zone, locale: request.locale || "en-US", setZone: false };
  let date = parse(request.value, request.inputFormat?.trim() ?? "", opts);
  if (!date.isValid) throw new DateTimeError(`Could not read ${JSON.stringify(request.value)} as a date${request.inputFormat ? ` in the format "${request.inputFormat}"` : " (expected ISO 8601, e.g. 2024-05-01T09:30:00Z)"}: ${date.invalidExplanation ?? date.invalidReason}`);
  date = date.setZone(zone);
  if (request.shift?.trim()) date = date.plus(parseShift(request.shift));
  if (!date.isValid) throw new DateTimeError(`The shifted date is not valid: ${date.invalidExplanation ?? date.invalidReason}`);
  const format = request.outputFormat?.trim() ?? "";
  if (!format) return date.toISO()!;
  if (format === "x") return date.toMillis();
  if (format === "X") return Math.floor(date.toSeconds());
  return date.toFormat(format);
}

function parse(value: unknown, format: string, opts: { zone: string; locale: string; setZone: boolean }): DateTime {
  if (value === null || value === undefined || value === "") return DateTime.invalid("empty", "There is no date (the value is empty)");
  if (format === "x" || format === "X") {
    const n = Number(value);
    if (!Number.isFinite(n)) return DateTime.invalid("not a number", `${JSON.stringify(value)} is not a number`);
    return format === "x" ? DateTime.fromMillis(n, opts) : DateTime.fromSeconds(n, opts);
  }
  if (format) return DateTime.fromFormat(String(value), format, opts);
  if (typeof value === "number") return DateTime.fromMillis(value, opts);
  if (typeof value !== "string") return DateTime.invalid("not a date", `A ${Array.isArray(value) ? "list" : typeof value} is not a date`);
  const text = value.trim();
  const readers = [(t: string) => DateTime.fromISO(t, opts), (t: string) => DateTime.fromRFC2822(t, opts), (t: string) => DateTime.fromHTTP(t, opts), (t: string) => DateTime.fromSQL(t, opts)];
  for (const read of readers) {
    const date = read(text);
    if (date.isValid) return date;
  }
  if (/^-?\d{1,16}$/.test(text)) return DateTime.fromMillis(Number(text), opts);
  return DateTime.fromISO(text, opts);
}

const UNITS: Record<string, keyof DurationParts> = {
  y: "years", yr: "years", yrs: "years", year: "years", years: "years",
  mo: "months", mon: "months", month: "months", months: "months",
  w: "weeks", wk: "weeks", week: "weeks", weeks: "weeks",
  d: "days", day: "days", days: "days",
  h: "hours", hr: "hours", hrs: "hours", hour: "hours", hours: "hours",
  m: "minutes", min: "minutes", mins: "minutes", minute: "minutes", minutes: "minutes",
  s: "seconds", sec: "seconds", secs: "seconds", second: "seconds", seconds: "seconds",
  ms: "milliseconds", millisecond: "milliseconds", milliseconds: "milliseconds",
};
type DurationParts = { years: number; months: number; weeks: number; days: number; hours: number; minutes: number; seconds: number; milliseconds: number };

/**
 * "+1 day", "-2h30m", "3 months 2 days", "1.5h", or ISO 8601 ("P1M", "-PT2H"). A sign applies
 * to the parts after it until the next sign.
 */
export function parseShift(text: string): Duration {
  const s = text.trim();
  const iso = /^([+-])?(P.*)$/i.exec(s);
  if (iso) {
    const duration = Duration.fromISO(iso[2].toUpperCase());
    if (!duration.isValid) throw new DateTimeError(`"${text}" is not a valid ISO 8601 duration`);
    return iso[1] === "-" ? duration.negate() : duration;
  }
  const parts: Partial<DurationParts> = {};
  const re = /\s*([+-])?\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*,?/giy;
  let sign = 1;
  let consumed = 0;
  for (let match = re.exec(s); match; match = re.exec(s)) {
    if (match[1]) sign = match[1] === "-" ? -1 : 1;
    const unit = UNITS[match[3].toLowerCase()];
    if (!unit) throw new DateTimeError(`"${match[3]}" in "${text}" is not a unit (use years, months, weeks, days, hours, minutes, seconds)`);
    parts[unit] = (parts[unit] ?? 0) + sign * Number(match[2]);
    consumed = re.lastIndex;
  }
  if (consumed !== s.length || consumed === 0) throw new DateTimeError(`"${text}" is not a shift such as "+1 day", "-2h30m" or "P1M"`);
  return Duration.fromObject(parts);
}
