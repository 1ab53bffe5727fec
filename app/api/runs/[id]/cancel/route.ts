import { json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { requestActor } from "@/lib/runs/actions";
import { cancelRun } from "@/lib/runs/cancel";

export const dynamic = "force-dynamic";

/** Cancels a queued, running, sleeping or waiting run: it starts no further step. Recorded on the run. */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const result = await cancelRun(access.workspaceId, (await params).id, requestActor(request, access));
  await audit(access.workspaceId, access.actor, "run.cancel", result.id);
  return json(result);
});
