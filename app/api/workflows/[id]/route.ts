import { json, publicOrigin, readJson, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { removeAppWebhook, syncAppWebhook } from "@/lib/triggers/app-webhooks";
import { presentWorkflow } from "@/lib/workflow-store/present";
import { deleteWorkflow, getWorkflow, patchWorkflow, replaceWorkflow } from "@/lib/workflow-store/repository";

export const dynamic = "force-dynamic";

export const GET = secured("viewer", async (request, { params }: IdParams, access) => json(presentWorkflow(request, await getWorkflow(access.workspaceId, (await params).id), access.role)));

export const PUT = secured("editor", async (request, { params }: IdParams, access) => {
  const id = (await params).id;
  const workflow = await replaceWorkflow(access.workspaceId, id, await readJson(request));
  await audit(access.workspaceId, access.actor, "workflow.update", workflow.id, { name: workflow.name, version: workflow.version });
  await syncAppWebhook(access.workspaceId, id, publicOrigin(request));
  return json(presentWorkflow(request, workflow, access.role));
});

/** `{ active }` switches the workflow on or off, `{ name }` renames it. */
export const PATCH = secured("editor", async (request, { params }: IdParams, access) => {
  const id = (await params).id;
  const before = await getWorkflow(access.workspaceId, id);
  const workflow = await patchWorkflow(access.workspaceId, id, await readJson(request));
  await syncAppWebhook(access.workspaceId, id, publicOrigin(request));
  if (workflow.active !== before.active) await audit(access.workspaceId, access.actor, workflow.active ? "workflow.activate" : "workflow.deactivate", id, { name: workflow.name });
  if (workflow.name !== before.name) await audit(access.workspaceId, access.actor, "workflow.update", id, { name: workflow.name, previousName: before.name });
  return json(presentWorkflow(request, workflow, access.role));
});

export const DELETE = secured("editor", async (_request, { params }: IdParams, access) => {
  const { id } = await params;
  await removeAppWebhook(access.workspaceId, id);
  await deleteWorkflow(access.workspaceId, id);
  await audit(access.workspaceId, access.actor, "workflow.delete", id);
  return new Response(null, { status: 204 });
});
