import { json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { requestActor } from "@/lib/runs/actions";
import { replayRun } from "@/lib/runs/replay";
import { replayVersionOf } from "@/lib/runs/replay-request";

export const dynamic = "force-dynamic";

/**
 * Replays a failed (or cancelled) run from its failed step: a new run that reuses the recorded
 * outputs of the steps that completed before it and executes the failed step and everything after.
 * `{ "version": "published" }` replays on the workflow's published version (after a fix).
 */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const version = await replayVersionOf(request);
  const result = await replayRun((await params).id, { mode: "replay", version, workspaceId: access.workspaceId, actor: requestActor(request, access) });
  await audit(access.workspaceId, access.actor, "run.replay", result.replayOf, { newRunId: result.runId, workflowVersion: result.workflowVersion });
  return json(result, 202);
});
