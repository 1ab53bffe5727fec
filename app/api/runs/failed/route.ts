import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { failedRunGroups } from "@/lib/runs/failed";

export const dynamic = "force-dynamic";

/** The dead-letter queue: failed runs not replayed yet, grouped by workflow, failed step and error signature (message without timestamps, ids, durations). */
export const GET = secured("viewer", async (request, _context, access) => {
  const started = performance.now();
  const workflowId = new URL(request.url).searchParams.get("workflowId") || undefined;
  const groups = await failedRunGroups(access.workspaceId, { workflowId });
  return json(groups, 200, { "server-timing": `db;dur=${(performance.now() - started).toFixed(1)}` });
});
