import { json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { requestActor } from "@/lib/runs/actions";
import { replayRun } from "@/lib/runs/replay";

export const dynamic = "force-dynamic";

/** Starts a new run of the same workflow version with the same trigger data; every step runs again. */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const result = await replayRun((await params).id, { mode: "rerun", workspaceId: access.workspaceId, actor: requestActor(request, access) });
  await audit(access.workspaceId, access.actor, "run.rerun", result.replayOf, { newRunId: result.runId });
  return json(result, 202);
});
