import { z } from "zod";
import { ApiError, invalid, json, readJson, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { startRun } from "@/lib/runs/start";
import { getPublishedWorkflow, workflowTrigger } from "@/lib/workflow-store/repository";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ payload: z.unknown().optional(), usePinnedData: z.boolean({ error: "usePinnedData is true or false" }).optional() }).strict();

/**
 * Starts a manual run; `payload` becomes the trigger's output (`trigger` in expressions). With
 * `usePinnedData`, a trial run: nodes with pinned data output it instead of running, and without
 * a payload the trigger's pinned data is the trigger's output ("Try it" on a template). With an
 * `Idempotency-Key` header, a repeat within 24 h answers 200 with the first run and starts nothing.
 */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  const workflow = await getPublishedWorkflow(access.workspaceId, (await params).id);
  const trigger = workflowTrigger(workflow.document);
  const usePinnedData = body.data.usePinnedData ?? false;
  // A trial run starts from the trigger's pinned data, or a manual trigger's sample payload.
  const pinnedTrigger = usePinnedData ? (workflow.document.pinData?.[trigger.id] ?? (trigger.config as { samplePayload?: unknown } | undefined)?.samplePayload) : undefined;
  const idempotencyKey = request.headers.get("idempotency-key")?.trim() || undefined;
  if (idempotencyKey && idempotencyKey.length > 200) throw new ApiError(400, "Idempotency-Key is too long", [{ path: "Idempotency-Key", message: "At most 200 characters" }]);
  const { runId, duplicate } = await startRun({
    workspaceId: access.workspaceId,
    workflowId: workflow.id,
    workflowVersion: workflow.version,
    triggerKind: "manual",
    trigger: body.data.payload ?? pinnedTrigger ?? {},
    idempotencyKey,
    usePinnedData,
  });
  return json({ runId, ...(duplicate ? { duplicate } : {}) }, duplicate ? 200 : 202);
});
