/**
 * Per-URL rate limit: a token bucket per webhook token holding up to a minute's allowance,
 * refilled continuously. Kept in memory: with several processes each one applies the limit.
 */
interface Bucket {
  tokens: number;
  at: number;
  limit: number;
}

const holder = globalThis as typeof globalThis & { __switchboardRateLimits?: Map<string, Bucket> };
const buckets = (holder.__switchboardRateLimits ??= new Map<string, Bucket>());

/** Takes one request from the bucket; returns 0 when allowed, else the seconds until one is. */
export function takeToken(key: string, perMinute: number, now = Date.now()): number {
  let bucket = buckets.get(key);
  if (!bucket || bucket.limit !== perMinute) {
    bucket = { tokens: perMinute, at: now, limit: perMinute };
    buckets.set(key, bucket);
    if (buckets.size > 50_000) buckets.delete(buckets.keys().next().value!);
  }
  const perMs = perMinute / 60_000;
  bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs);
  bucket.at = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
}
