import { json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { presentWorkflow } from "@/lib/workflow-store/present";
import { createWorkflow, listWorkflows } from "@/lib/workflow-store/repository";

export const dynamic = "force-dynamic";

export const GET = secured("viewer", async (_request, _context, access) => json({ workflows: await listWorkflows(access.workspaceId) }));

export const POST = secured("editor", async (request, _context, access) => {
  const workflow = await createWorkflow(access.workspaceId, await readJson(request));
  await audit(access.workspaceId, access.actor, "workflow.create", workflow.id, { name: workflow.name });
  return json(presentWorkflow(request, workflow, access.role), 201);
});
