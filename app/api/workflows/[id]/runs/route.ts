import { z } from "zod";
import { ApiError, invalid, json, readJson, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { startRun } from "@/lib/runs/start";
import { getWorkflow, workflowTrigger } from "@/lib/workflow-store/repository";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ payload: z.unknown().optional() }).strict();

/**
 * Starts a manual run; `payload` becomes the trigger's output (`trigger` in expressions). With an
 * `Idempotency-Key` header, a repeat within 24 h answers 200 with the first run and starts nothing.
 */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  const workflow = await getWorkflow(access.workspaceId, (await params).id);
  workflowTrigger(workflow.document);
  const idempotencyKey = request.headers.get("idempotency-key")?.trim() || undefined;
  if (idempotencyKey && idempotencyKey.length > 200) throw new ApiError(400, "Idempotency-Key is too long", [{ path: "Idempotency-Key", message: "At most 200 characters" }]);
  const { runId, duplicate } = await startRun({
    workspaceId: access.workspaceId,
    workflowId: workflow.id,
    workflowVersion: workflow.version,
    triggerKind: "manual",
    trigger: body.data.payload ?? {},
    idempotencyKey,
  });
  return json({ runId, ...(duplicate ? { duplicate } : {}) }, duplicate ? 200 : 202);
});
