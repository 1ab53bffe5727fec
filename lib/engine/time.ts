import { INNGEST_LIMITS } from "./limits";

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  msec: 1,
  msecs: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
  y: 31_557_600_000,
  yr: 31_557_600_000,
  yrs: 31_557_600_000,
  year: 31_557_600_000,
  years: 31_557_600_000,
};
const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const PART = new RegExp(String.raw`(${NUMBER})\s*([a-zµ]+)\s*`, "gy");

/**
 * A duration as Inngest reads one, in milliseconds, or null when `value` is not a duration:
 * a number of milliseconds; a string in the SDK's `ms` style ("500ms", "1.5h", "2d", "10 seconds",
 * "1y", or a bare number of ms); or the server's Go style ("1h30m", "1w2d", "1.5h", "90s"), which
 * is how the SDK sends sleeps. "" is zero (the SDK's encoding of a zero or sub-unit sleep).
 */
export function parseInngestDuration(value: string | number): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  let text = value.trim().toLowerCase();
  if (!text) return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  if (text.startsWith("-") || text.startsWith("+")) text = text.slice(1).trimStart();
  if (new RegExp(`^${NUMBER}$`).test(text)) return sign * Number(text);
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    const unit = UNIT_MS[match[2]];
    if (unit === undefined) return null;
    total += Number(match[1]) * unit;
    consumed = PART.lastIndex;
  }
  return consumed > 0 && consumed === text.length ? sign * total : null;
}

/**
 * The SDK encodes sleeps and timeouts either as an ISO timestamp or as a duration such as
 * "1h2m3s" (see inngest/helpers/strings timeStr). Returns the absolute time it names.
 */
export function resolveInngestTime(value: string, now = Date.now()): Date {
  const duration = parseInngestDuration(value);
  if (duration !== null) return new Date(now + Math.max(0, duration));
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new Error(`Unrecognised time "${value}"`);
  return new Date(at);
}

/** When a sleep (step.sleep's duration or step.sleepUntil's time) ends; refuses sleeps longer than Inngest allows. */
export function sleepEnd(value: string, now = Date.now()): Date {
  const at = resolveInngestTime(value, now);
  const ms = at.getTime() - now;
  if (ms > INNGEST_LIMITS.sleepMs) {
    throw new Error(`A sleep of ${Math.round(ms / 86_400_000).toLocaleString("en-US")} days is longer than Inngest's maximum of 1 year`);
  }
  return at;
}

/** Retry-After as the SDK sends it: seconds, or an ISO timestamp (RetryAfterError with a Date). */
export function retryAt(header: string | null, now = Date.now()): Date | null {
  if (!header) return null;
  if (/^\d+$/.test(header)) return new Date(now + Number(header) * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : new Date(at);
}
