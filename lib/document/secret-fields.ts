import { getNodeDefinition, type NodeDefinition } from "@/lib/nodes";
import type { ConfigPath } from "./expressions";
import { isWidgetPath, widgetPaths } from "./widget-paths";

/**
 * Config fields marked `.meta({ widget: "secret" })` hold secrets (signing secrets, tokens). They
 * are stored encrypted in the workflow document, shown to clients only as a masked hint, never
 * interpolated, and redacted from run history. The crypto lives in lib/secrets; this module only
 * knows where the fields are, so the browser can use it too.
 */

/** What clients see instead of a stored secret; sending it back keeps the stored value. */
export const MASKED_SECRET_PREFIX = "$secret:";
export const REDACTED = "••••••";

/** Paths of secret fields in a node type's config; `*` stands for an array index. */
export function secretPaths(definition: NodeDefinition): string[][] {
  return widgetPaths(definition, "secret");
}

export function isSecretPath(type: string, path: ConfigPath): boolean {
  return isWidgetPath(type, "secret", path);
}

/** Replaces every secret value in a config (a deep copy) with `transform(value, path)`. */
export function mapSecrets(type: string, config: unknown, transform: (value: string, path: ConfigPath) => unknown): unknown {
  const definition = getNodeDefinition(type);
  if (!definition || !secretPaths(definition).length) return config;
  const walk = (value: unknown, path: ConfigPath): unknown => {
    if (typeof value === "string") return path.length && isSecretPath(type, path) ? transform(value, path) : value;
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    return value;
  };
  return walk(config, []);
}

export function isMaskedSecret(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(MASKED_SECRET_PREFIX);
}
