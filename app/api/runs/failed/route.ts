import { json, route } from "@/lib/api/http";
import { failedRunGroups } from "@/lib/runs/failed";

export const dynamic = "force-dynamic";

/** The dead-letter queue: failed runs not replayed yet, grouped by workflow, failed step and error message. */
export const GET = route(async (request) => {
  const started = performance.now();
  const workflowId = new URL(request.url).searchParams.get("workflowId") || undefined;
  const groups = await failedRunGroups({ workflowId });
  return json(groups, 200, { "server-timing": `db;dur=${(performance.now() - started).toFixed(1)}` });
});
