import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { listRuns } from "@/lib/runs/queries";

export const dynamic = "force-dynamic";

/** Runs, newest first, filtered and paged; `Server-Timing` tells how long the database work took. */
export const GET = secured("viewer", async (request, _context, access) => {
  const started = performance.now();
  const page = await listRuns(access.workspaceId, new URL(request.url).searchParams);
  return json(page, 200, { "server-timing": `db;dur=${(performance.now() - started).toFixed(1)}` });
});
