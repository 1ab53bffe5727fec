import { json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { presentWorkflow } from "@/lib/workflow-store/present";
import { regenerateWebhookToken } from "@/lib/workflow-store/repository";

export const dynamic = "force-dynamic";

/** Regenerates the workflow's webhook URL: the old URL answers 404 from now on. */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const workflow = await regenerateWebhookToken(access.workspaceId, (await params).id);
  await audit(access.workspaceId, access.actor, "workflow.update", workflow.id, { webhookUrl: "regenerated" });
  return json(presentWorkflow(request, workflow, access.role));
});
