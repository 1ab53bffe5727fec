import type { IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { exportWorkflow, portableText } from "@/lib/workflow-store/portable";

export const dynamic = "force-dynamic";

/** The workflow as a file (secrets masked, connections by type and name), as `npm run cli -- export` writes it. */
export const GET = secured("viewer", async (_request, { params }: IdParams, access) => {
  const workflow = await exportWorkflow(access.workspaceId, (await params).id);
  const filename = `${workflow.document.name.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "workflow"}.switchboard.json`;
  return new Response(portableText(workflow), { headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
});
