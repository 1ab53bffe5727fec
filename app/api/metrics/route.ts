import { route } from "@/lib/api/http";
import { scrapeMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

/** Prometheus text exposition format (docs/monitoring.md lists the metrics). */
export const GET = route(async () => {
  const { body, contentType } = await scrapeMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
