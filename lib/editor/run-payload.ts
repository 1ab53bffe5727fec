import { receivesWebhooks } from "@/lib/nodes";

/**
 * The payload of a run started from the editor. A webhook workflow's expressions read the
 * request (`trigger.body`, `trigger.headers`...), so a test run wraps the payload the way a
 * call to the URL would arrive.
 */
export function testRunPayload(triggerType: string, payload: unknown): unknown {
  if (!receivesWebhooks(triggerType)) return payload;
  return { method: "POST", headers: { "content-type": "application/json" }, query: {}, body: payload };
}

/** The Run dialog's starting text: the manual trigger's sample payload, or an empty object. */
export function initialPayloadText(triggerType: string, config: Record<string, unknown>): string {
  const sample = triggerType === "trigger.manual" ? config.samplePayload : undefined;
  return JSON.stringify(sample ?? {}, null, 2);
}
