import type { FunctionConfig } from "./types";

/**
 * Function options Inngest implements and the embedded engine does not. A function that sets one
 * is refused when the app syncs, naming the option: on a real Inngest server it would behave
 * differently (throttled, debounced, batched...), so silently ignoring it here would break the
 * promise that both engines give the same outcome.
 */
const UNSUPPORTED_OPTIONS = ["throttle", "debounce", "rateLimit", "priority", "batchEvents", "timeouts", "idempotency", "singleton", "concurrency"] as const;

/** "<function id>: <option>" for each unsupported option a synced function sets. */
export function unsupportedFunctionOptions(functions: readonly FunctionConfig[]): string[] {
  return functions.flatMap((fn) => {
    const config = fn as unknown as Record<string, unknown>;
    return UNSUPPORTED_OPTIONS.filter((option) => config[option] !== undefined && config[option] !== null).map((option) => `${fn.id}: ${option}`);
  });
}
