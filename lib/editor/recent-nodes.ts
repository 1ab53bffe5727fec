/** The node types the user added most recently, newest first, kept in this browser for the node creator. */
const KEY = "switchboard:recent-node-types";
const KEEP = 5;

export function recentNodeTypes(): string[] {
  if (typeof window === "undefined") return [];
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((t): t is string => typeof t === "string").slice(0, KEEP) : [];
  } catch {
    return [];
  }
}

export function rememberNodeType(type: string) {
  window.localStorage.setItem(KEY, JSON.stringify([type, ...recentNodeTypes().filter((t) => t !== type)].slice(0, KEEP)));
}
