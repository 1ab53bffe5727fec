/**
 * A large value the API cut down in a run's detail (GET /api/runs/:id/value has all of it). Used by
 * the server that cuts values and by the browser that shows them, so it imports nothing.
 */
export interface TruncatedValue {
  $truncated: true;
  /** Size of the whole value as JSON text, in bytes. */
  bytes: number;
  /** Where the whole value can be downloaded. */
  download: string;
  /** The start of the value: long strings cut, long lists and objects shortened, deep levels left out. */
  preview: unknown;
}

export function isTruncated(value: unknown): value is TruncatedValue {
  return Boolean(value && typeof value === "object" && (value as { $truncated?: unknown }).$truncated === true);
}
