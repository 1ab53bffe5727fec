import { Cron } from "croner";
import { parseDuration } from "@/lib/document/duration";

/**
 * Fire times of a schedule trigger: a cron expression in an IANA time zone (croner), or a simple
 * interval aligned to the Unix epoch, so every process computes the same fire times. Browser-safe:
 * the inspector previews the next fire times with it.
 */
export interface ScheduleSpec {
  mode: "cron" | "interval";
  cron?: string;
  interval?: string;
  timezone?: string;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Why a cron expression is not usable, or null. */
export function cronError(expression: string, timezone = "UTC"): string | null {
  const text = expression.trim();
  if (!text) return "Enter a cron expression";
  const fields = text.split(/\s+/).length;
  if (fields < 5 || fields > 7) return "A cron expression has 5 fields (minute hour day month weekday), or 6 with seconds first";
  try {
    const cron = new Cron(text, { paused: true, timezone: isValidTimeZone(timezone) ? timezone : "UTC" });
    if (!cron.nextRun()) return "This expression never fires";
    return null;
  } catch (error) {
    return `Invalid cron expression: ${(error as Error).message.replace(/^CronPattern: /, "")}`;
  }
}

export const MIN_INTERVAL_MS = 1000;

export function intervalMs(spec: ScheduleSpec): number | null {
  const ms = spec.interval ? parseDuration(spec.interval) : null;
  return ms !== null && ms >= MIN_INTERVAL_MS ? ms : null;
}

/** The first fire time strictly after `after`, or null when there is none. */
export function nextFireAfter(spec: ScheduleSpec, after: Date): Date | null {
  if (spec.mode === "interval") {
    const ms = intervalMs(spec);
    if (!ms) return null;
    return new Date((Math.floor(after.getTime() / ms) + 1) * ms);
  }
  try {
    const cron = new Cron(spec.cron ?? "", { paused: true, timezone: spec.timezone || "UTC" });
    // croner works at second precision: step past `after` within its second.
    return cron.nextRun(new Date(Math.floor(after.getTime() / 1000) * 1000 + 999)) ?? null;
  } catch {
    return null;
  }
}

/** The latest fire time at or before `at`, or null when it is not after `notBefore`. */
export function previousFireAtOrBefore(spec: ScheduleSpec, at: Date, notBefore: Date): Date | null {
  if (spec.mode === "interval") {
    const ms = intervalMs(spec);
    if (!ms) return null;
    const fire = new Date(Math.floor(at.getTime() / ms) * ms);
    return fire > notBefore ? fire : null;
  }
  try {
    const cron = new Cron(spec.cron ?? "", { paused: true, timezone: spec.timezone || "UTC" });
    const previous = cron.previousRuns(1, new Date(at.getTime() + 1))[0];
    return previous && previous > notBefore && previous <= at ? previous : null;
  } catch {
    return null;
  }
}

export function nextFireTimes(spec: ScheduleSpec, count: number, from = new Date()): Date[] {
  const out: Date[] = [];
  let at = from;
  while (out.length < count) {
    const next = nextFireAfter(spec, at);
    if (!next) break;
    out.push(next);
    at = next;
  }
  return out;
}
