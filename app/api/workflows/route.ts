import { ApiError, json, publicOrigin, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { presentWorkflow } from "@/lib/workflow-store/present";
import { syncNewAppWebhook } from "@/lib/triggers/app-webhooks";
import { createWorkflow, getWorkflow, listWorkflows } from "@/lib/workflow-store/repository";

export const dynamic = "force-dynamic";

export const GET = secured("viewer", async (_request, _context, access) => json({ workflows: await listWorkflows(access.workspaceId) }));

/** `?active=false` creates it switched off (the template gallery does: a template's URLs are examples until edited). */
export const POST = secured("editor", async (request, _context, access) => {
  const active = new URL(request.url).searchParams.get("active");
  if (active !== null && active !== "true" && active !== "false") throw new ApiError(400, "Invalid query", [{ path: "active", message: "Use active=true or active=false" }]);
  const created = await createWorkflow(access.workspaceId, await readJson(request), active === null ? {} : { active: active === "true" });
  await audit(access.workspaceId, access.actor, "workflow.create", created.id, { name: created.name });
  await syncNewAppWebhook(access.workspaceId, created.id, publicOrigin(request));
  return json(presentWorkflow(request, await getWorkflow(access.workspaceId, created.id), access.role), 201);
});
