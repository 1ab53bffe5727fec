import { json, publicOrigin, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { syncAppWebhook } from "@/lib/triggers/app-webhooks";
import { presentWorkflow } from "@/lib/workflow-store/present";
import { regenerateWebhookToken } from "@/lib/workflow-store/repository";

export const dynamic = "force-dynamic";

/** Regenerates the workflow's webhook URL: the old URL answers 404 from now on. */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const workflow = await regenerateWebhookToken(access.workspaceId, (await params).id);
  await audit(access.workspaceId, access.actor, "workflow.update", workflow.id, { webhookUrl: "regenerated" });
  // An app trigger's subscription moves to the new URL.
  await syncAppWebhook(access.workspaceId, workflow.id, publicOrigin(request));
  return json(presentWorkflow(request, workflow, access.role));
});
