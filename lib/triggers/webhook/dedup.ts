import type { WebhookConfig } from "@/lib/nodes/trigger-webhook";
import { compile } from "@/lib/document/expressions";

/**
 * The delivery's dedup key: a header's value, or a JSONata expression over the trigger output
 * `{ method, headers, query, body }` (e.g. `body.id` for Stripe). No value means no dedup.
 */
export async function dedupKeyOf(config: WebhookConfig["dedup"], headers: Headers, trigger: { body: unknown }): Promise<string | undefined> {
  if (config.source === "header" && config.header) return headers.get(config.header)?.trim() || undefined;
  if (config.source === "expression" && config.expression?.trim()) {
    const value: unknown = await compile(config.expression).evaluate(trigger);
    if (value === undefined || value === null || value === "") return undefined;
    return (typeof value === "string" ? value : JSON.stringify(value)).slice(0, 500);
  }
  return undefined;
}
