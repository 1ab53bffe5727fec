import { secured } from "@/lib/api/secured";
import { scrapeMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

/** Prometheus text exposition format (docs/monitoring.md lists the metrics); they cover the whole installation, so owners only. */
export const GET = secured("owner", async () => {
  const { body, contentType } = await scrapeMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
