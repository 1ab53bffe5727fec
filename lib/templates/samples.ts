/**
 * Sample trigger outputs for templates' pinned data (`pinData`), so the editor previews
 * expressions and "Test this node" works before anything real has called the workflow.
 */

/** What a webhook trigger outputs for a JSON request. */
export function webhookRequest(body: unknown, headers: Record<string, string> = {}, method = "POST", query: Record<string, string> = {}) {
  return { method, headers: { "content-type": "application/json", ...headers }, query, body };
}

/** What an event trigger outputs for a published event. */
export function publishedEvent(name: string, data: Record<string, unknown>) {
  return { id: `evt_${name.replace(/\W/g, "_")}_1`, name, occurredAt: "2025-03-03T09:30:00.000Z", source: "api", data };
}

/** What an HTTP request node outputs for a JSON answer. */
export function httpAnswer(body: unknown, status = 200) {
  return { status, headers: { "content-type": "application/json" }, body };
}
