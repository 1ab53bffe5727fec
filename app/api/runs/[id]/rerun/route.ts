import { json, route, type IdParams } from "@/lib/api/http";
import { requestActor } from "@/lib/runs/actions";
import { replayRun } from "@/lib/runs/replay";

export const dynamic = "force-dynamic";

/** Starts a new run of the same workflow version with the same trigger data; every step runs again. */
export const POST = route(async (request, { params }: IdParams) => json(await replayRun((await params).id, { mode: "rerun", actor: requestActor(request) }), 202));
