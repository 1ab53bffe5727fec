import type { TruncatedValue } from "./truncated";

/**
 * Large JSON values (a step's input, output or error, a run's trigger or output) are cut down in
 * the run detail so the page stays fast while it polls; the whole value is downloadable from
 * GET /api/runs/:id/value?path=… .
 */
export const VIEW_LIMIT_BYTES = 64 * 1024;
const PREVIEW_STRING_CHARS = 2_000;
const PREVIEW_ENTRIES = 50;
const PREVIEW_DEPTH = 6;

/** The value itself when it is small, else a TruncatedValue with a preview. */
export function forView(value: unknown, download: string, limit = VIEW_LIMIT_BYTES): unknown {
  if (value === null || value === undefined) return value ?? null;
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text ?? "");
  if (bytes <= limit) return value;
  return { $truncated: true, bytes, download, preview: preview(value, 0) } satisfies TruncatedValue;
}

function preview(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.length > PREVIEW_STRING_CHARS ? `${value.slice(0, PREVIEW_STRING_CHARS)}… (${value.length - PREVIEW_STRING_CHARS} more characters)` : value;
  if (!value || typeof value !== "object") return value;
  if (depth >= PREVIEW_DEPTH) return Array.isArray(value) ? `[… ${value.length} items]` : `{… ${Object.keys(value).length} keys}`;
  if (Array.isArray(value)) {
    const items = value.slice(0, PREVIEW_ENTRIES).map((item) => preview(item, depth + 1));
    if (value.length > PREVIEW_ENTRIES) items.push(`… ${value.length - PREVIEW_ENTRIES} more items`);
    return items;
  }
  const entries = Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries.slice(0, PREVIEW_ENTRIES)) out[key] = preview(item, depth + 1);
  if (entries.length > PREVIEW_ENTRIES) out["…"] = `${entries.length - PREVIEW_ENTRIES} more keys`;
  return out;
}

/** The paths GET /api/runs/:id/value serves: trigger, output, error, steps.<nodeId>.input|output|error. */
export function parseValuePath(path: string): { scope: "run"; field: "trigger" | "output" | "error" } | { scope: "step"; nodeId: string; field: "input" | "output" | "error" } | null {
  if (path === "trigger" || path === "output" || path === "error") return { scope: "run", field: path };
  // Step keys: a node id, a loop iteration (`id#3`) or a compensation (`refund@charge#3`).
  const match = /^steps\.([A-Za-z_]\w{0,63}(?:#\d+)?(?:@[A-Za-z_]\w{0,63}(?:#\d+)?)?)\.(input|output|error)$/.exec(path);
  return match ? { scope: "step", nodeId: match[1], field: match[2] as "input" | "output" | "error" } : null;
}

export function valueDownloadUrl(runId: string, path: string): string {
  return `/api/runs/${encodeURIComponent(runId)}/value?path=${encodeURIComponent(path)}`;
}
