import { z } from "zod";

/**
 * Config fields shared by nodes that call outside systems. Browser-safe (the form reads them).
 */

/** A connection picker: the editor shows the connections of these types. */
/** A required connection picker; `app` (a connector id) lets "New connection" open the form filled for that app. */
export function connectionField(types: string[], description?: string, app?: string) {
  return z
    .string()
    .trim()
    .min(1, "Choose a connection")
    .meta({ title: "Connection", description, widget: "connection", connectionTypes: types, ...(app ? { app } : {}) });
}

export function optionalConnectionField(types: string[], description?: string) {
  return z
    .string()
    .trim()
    .optional()
    .meta({ title: "Connection", description, widget: "connection", connectionTypes: types });
}

/** When the connection's circuit breaker is open, follow the node's `fallback` output instead of failing. */
export const circuitFallbackField = z
  .boolean()
  .optional()
  .meta({
    title: "Fallback output when the circuit is open",
    description: "Adds a “fallback” output that the run follows (with the error as output) while this connection's or host's circuit breaker refuses calls.",
  });

/** A dotted path into a JSON value: "next", "links.next", "data.0.id". */
export function valueAtPath(value: unknown, path: string): unknown {
  if (!path) return value;
  return path.split(".").reduce<unknown>((current, part) => {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current) && /^\d+$/.test(part)) return current[Number(part)];
    return typeof current === "object" ? (current as Record<string, unknown>)[part] : undefined;
  }, value);
}
