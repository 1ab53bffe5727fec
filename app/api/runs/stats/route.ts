import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { runStats } from "@/lib/runs/stats";

export const dynamic = "force-dynamic";

/** The health dashboard's numbers for `?period=1h|24h|7d|30d` (default 24h); `Server-Timing` tells the database time. */
export const GET = secured("viewer", async (request, _context, access) => {
  const started = performance.now();
  const stats = await runStats(access.workspaceId, new URL(request.url).searchParams);
  return json(stats, 200, { "server-timing": `db;dur=${(performance.now() - started).toFixed(1)}` });
});
