import { z } from "zod";
import { invalid, json, publicOrigin, readJson, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { syncAppWebhook } from "@/lib/triggers/app-webhooks";
import { publishDraft } from "@/lib/workflow-store/drafts";
import { presentWorkflow } from "@/lib/workflow-store/present";

export const dynamic = "force-dynamic";

const publishSchema = z.object({ message: z.string().trim().max(500, "Keep the message under 500 characters").optional() }).strict();

/** Publishes the draft as the next version (409 naming each problem while it has any); `{ message }` says what changed. */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const text = await request.clone().text();
  const parsed = publishSchema.safeParse(text.trim() ? await readJson(request) : {});
  if (!parsed.success) throw invalid(parsed.error);
  const message = parsed.data.message || undefined;
  const workflow = await publishDraft(access.workspaceId, (await params).id, { message, createdBy: access.actor.label });
  await audit(access.workspaceId, access.actor, "workflow.publish", workflow.id, { name: workflow.name, version: workflow.version, ...(message ? { message } : {}) });
  await syncAppWebhook(access.workspaceId, workflow.id, publicOrigin(request));
  return json(presentWorkflow(request, workflow, access.role));
});
