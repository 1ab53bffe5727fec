import { json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { requestActor } from "@/lib/runs/actions";
import { replayRun } from "@/lib/runs/replay";
import { replayVersionOf } from "@/lib/runs/replay-request";

export const dynamic = "force-dynamic";

/** Starts a new run with the same trigger data, of the same workflow version (or the published one with `{ "version": "published" }`); every step runs again. */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const version = await replayVersionOf(request);
  const result = await replayRun((await params).id, { mode: "rerun", version, workspaceId: access.workspaceId, actor: requestActor(request, access) });
  await audit(access.workspaceId, access.actor, "run.rerun", result.replayOf, { newRunId: result.runId, workflowVersion: result.workflowVersion });
  return json(result, 202);
});
