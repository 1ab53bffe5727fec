/**
 * The integration patterns the gallery teaches, in the order it shows them. Each template teaches
 * one; the card says what the pattern is for (`purpose`) and the gallery groups patterns by `group`.
 */
export const TEMPLATE_PATTERNS = [
  { id: "point-to-point", group: "Connect systems", label: "Point-to-point sync", purpose: "Copy each change from one system straight into another, reshaped on the way." },
  { id: "fan-out", group: "Connect systems", label: "Hub-and-spoke fan-out", purpose: "Shape one change once, then deliver it to several systems in parallel." },
  { id: "pub-sub", group: "Connect systems", label: "Publish and subscribe", purpose: "Announce what happened as an event; any workflow that subscribes reacts, without the publisher knowing it." },
  { id: "enrichment", group: "Connect systems", label: "Enrichment", purpose: "Add what another system knows to a record before passing it on." },
  { id: "webhook-receiver", group: "Receive and serve", label: "Webhook receiver", purpose: "Accept another system's calls safely: verify the signature, drop repeats, answer fast, do the work after." },
  { id: "api-gateway", group: "Receive and serve", label: "API gateway", purpose: "Serve a synchronous API: check the request, call the backend, answer the caller in the same request." },
  { id: "polling", group: "Move data", label: "Polling with dedup", purpose: "Watch an API that cannot call you, starting one run per item it has not seen before." },
  { id: "batch-sync", group: "Move data", label: "Batch sync to a warehouse", purpose: "Copy everything changed since the last sync into a table, page by page, resuming where it stopped." },
  { id: "scheduled-report", group: "Move data", label: "Scheduled report", purpose: "On a timetable, gather data, summarise it and send the summary to people." },
  { id: "aggregator", group: "Move data", label: "Split and aggregate", purpose: "Handle each item of a list on its own, then collect the results into one answer." },
  { id: "format-transform", group: "Move data", label: "CSV and XML transform", purpose: "Translate between the file formats of older systems and the JSON of newer ones." },
  { id: "routing", group: "Route and check", label: "Content-based routing", purpose: "Send each message to the system that should handle it, decided by what it contains." },
  { id: "validation", group: "Route and check", label: "Data contract", purpose: "Check data against an agreed schema at the boundary; pass what conforms, report what does not." },
  { id: "ai", group: "Route and check", label: "AI summarise", purpose: "Let a language model read free text and return a summary and labels in a fixed JSON shape." },
  { id: "retry", group: "Handle failure", label: "Retry with backoff", purpose: "Ride out an API's brief failures by retrying with growing pauses before giving up." },
  { id: "queue-consumer", group: "Handle failure", label: "Queue consumer with dead letters", purpose: "Work through a queue one message per run; set aside what keeps failing instead of blocking the queue." },
  { id: "circuit-breaker", group: "Handle failure", label: "Circuit breaker with fallback", purpose: "Stop calling a system that is down and answer from a fallback until it recovers." },
  { id: "rate-limited", group: "Handle failure", label: "Rate-limited bulk calls", purpose: "Make many calls to an API without exceeding its rate limit, waiting out 429 answers." },
  { id: "saga", group: "Handle failure", label: "Saga with compensation", purpose: "Run a multi-system transaction step by step, undoing the finished steps when a later one fails." },
  { id: "human-approval", group: "Wait", label: "Human approval", purpose: "Pause until a person decides, for as long as it takes, with an escalation when nobody does." },
  { id: "delay", group: "Wait", label: "Durable delay", purpose: "Do something later (minutes or days), surviving restarts without keeping a process busy." },
] as const satisfies readonly { id: string; group: string; label: string; purpose: string }[];

export type TemplatePatternId = (typeof TEMPLATE_PATTERNS)[number]["id"];
export type TemplatePattern = (typeof TEMPLATE_PATTERNS)[number];

export function templatePattern(id: TemplatePatternId): TemplatePattern {
  return TEMPLATE_PATTERNS.find((p) => p.id === id)!;
}
