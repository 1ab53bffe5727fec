import { inngest } from "@/inngest/client";
import { RUN_CANCELLED } from "@/inngest/events";
import { ApiError, notFound } from "@/lib/api/http";
import { db } from "@/lib/db/client";
import type { WorkflowDocument } from "@/lib/document/schema";
import { recordRunAction, type Actor } from "./actions";
import { releaseSlot } from "./concurrency";
import { markRunCancelled } from "./history";
import { TERMINAL_RUN_STATUSES } from "./status";

/**
 * Marks the run cancelled in history and tells Inngest, which stops the function (cancelOn): no
 * further step starts, and a sleeping or waiting run ends at once. The chunk runs of its loops
 * that have not ended are cancelled with it.
 */
export async function cancelRun(workspaceId: string, runId: string, actor?: Actor): Promise<{ id: string; status: "cancelled" }> {
  const run = await db().run.findFirst({ where: { id: runId, workspaceId }, select: { status: true, workflowId: true, workflowVersion: true } });
  if (!run) throw notFound("Run");
  if (!(await markRunCancelled(runId))) throw new ApiError(409, `Run is already ${run.status}`);
  if (actor) await recordRunAction(runId, "cancel", actor, { previousStatus: run.status });
  const chunks: string[] = [];
  for (const { id } of await db().run.findMany({ where: { parentRunId: runId, status: { notIn: [...TERMINAL_RUN_STATUSES] } }, select: { id: true } })) {
    if (await markRunCancelled(id)) chunks.push(id);
  }
  await inngest.send([runId, ...chunks].map((id) => ({ name: RUN_CANCELLED, data: { runId: id } })));
  const version = await db().workflowVersion.findUnique({
    where: { workflowId_version: { workflowId: run.workflowId, version: run.workflowVersion } },
    select: { document: true },
  });
  await releaseSlot(run.workflowId, (version?.document as WorkflowDocument | undefined)?.settings?.concurrency);
  return { id: runId, status: "cancelled" };
}
