/**
 * An error message with its volatile parts (timestamps, ids, durations) replaced by placeholders,
 * so failures with the same cause group together in the failed-runs queue and the dashboard's top
 * errors (a breaker refusal names the time it reopens; a lookup error names the record's id).
 * Status codes and other short numbers stay: "HTTP 500" and "HTTP 404" are different causes.
 */
const VOLATILE: [RegExp, string][] = [
  // ISO 8601 timestamps and dates (2026-12-04T12:52:07.455Z, 2026-12-04 12:52:07+01:00, 2026-12-04)
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g, "<time>"],
  // UUIDs
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<id>"],
  // cuid / cuid2 style ids and long hex or base-36 tokens with at least one digit (run ids, request ids, hashes)
  [/\b(?=[a-z0-9]*\d)[a-z0-9]{20,}\b/gi, "<id>"],
  [/\b[0-9a-f]{12,}\b/gi, "<id>"],
  // durations: 1500 ms, 2.5s, 30 seconds, 5 min
  [/\b\d+(?:\.\d+)?\s?(?:ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b/gi, "<duration>"],
  // epoch milliseconds
  [/\b\d{13}\b/g, "<time>"],
];

export function errorSignature(message: string): string {
  return VOLATILE.reduce((text, [pattern, placeholder]) => text.replace(pattern, placeholder), message);
}

/**
 * Merges rows grouped by the raw message into groups by signature: counts add up, the earliest and
 * latest times widen, and the group is shown with its newest raw message as the example.
 */
export function foldBySignature<T extends { message: string; count: number; firstAt?: string | null; lastAt: string | null }>(rows: T[], keyOf: (row: T) => string): (T & { signature: string })[] {
  const groups = new Map<string, T & { signature: string }>();
  for (const row of rows) {
    const signature = errorSignature(row.message);
    const key = `${keyOf(row)}\u0000${signature}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { ...row, signature });
      continue;
    }
    group.count += row.count;
    if (row.firstAt && (!group.firstAt || row.firstAt < group.firstAt)) group.firstAt = row.firstAt;
    if (row.lastAt && (!group.lastAt || row.lastAt > group.lastAt)) Object.assign(group, { lastAt: row.lastAt, message: row.message });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (b.lastAt ?? "").localeCompare(a.lastAt ?? ""));
}
