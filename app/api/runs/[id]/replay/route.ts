import { json, route, type IdParams } from "@/lib/api/http";
import { requestActor } from "@/lib/runs/actions";
import { replayRun } from "@/lib/runs/replay";

export const dynamic = "force-dynamic";

/**
 * Replays a failed (or cancelled) run from its failed step: a new run that reuses the recorded
 * outputs of the steps that completed before it and executes the failed step and everything after.
 */
export const POST = route(async (request, { params }: IdParams) => json(await replayRun((await params).id, { mode: "replay", actor: requestActor(request) }), 202));
