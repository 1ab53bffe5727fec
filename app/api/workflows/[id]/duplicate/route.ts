import { json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { duplicateWorkflow } from "@/lib/workflow-store/repository";
import { presentWorkflow } from "@/lib/workflow-store/present";

export const dynamic = "force-dynamic";

/** A copy of the workflow ("<name> (copy)", switched off, secrets kept), answered like GET /api/workflows/:id. */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const copy = await duplicateWorkflow(access.workspaceId, (await params).id);
  await audit(access.workspaceId, access.actor, "workflow.create", copy.id, { name: copy.name, duplicateOf: (await params).id });
  return json(presentWorkflow(request, copy, access.role), 201);
});
