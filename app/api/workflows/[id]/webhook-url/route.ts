import { json, route, type IdParams } from "@/lib/api/http";
import { presentWorkflow } from "@/lib/workflows/present";
import { regenerateWebhookToken } from "@/lib/workflows/repository";

export const dynamic = "force-dynamic";

/** Regenerates the workflow's webhook URL: the old URL answers 404 from now on. */
export const POST = route(async (request, { params }: IdParams) => {
  const workflow = await regenerateWebhookToken((await params).id);
  return json(presentWorkflow(request, workflow));
});
