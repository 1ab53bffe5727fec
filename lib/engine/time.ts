const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/**
 * The SDK encodes sleeps and timeouts either as an ISO timestamp or as a duration such as
 * "1h2m3s" (see inngest/helpers/strings timeStr). Returns the absolute time it names.
 */
export function resolveInngestTime(value: string, now = Date.now()): Date {
  const duration = /^(\d+[wdhms])+$/.test(value) ? [...value.matchAll(/(\d+)([wdhms])/g)].reduce((ms, [, n, unit]) => ms + Number(n) * UNIT_MS[unit], 0) : null;
  if (duration !== null) return new Date(now + duration);
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new Error(`Unrecognised time "${value}"`);
  return new Date(at);
}

/** Retry-After as the SDK sends it: seconds, or an ISO timestamp (RetryAfterError with a Date). */
export function retryAt(header: string | null, now = Date.now()): Date | null {
  if (!header) return null;
  if (/^\d+$/.test(header)) return new Date(now + Number(header) * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : new Date(at);
}
