import { json, route, type IdParams } from "@/lib/api/http";
import { requestActor } from "@/lib/runs/actions";
import { cancelRun } from "@/lib/runs/cancel";

export const dynamic = "force-dynamic";

/** Cancels a queued, running, sleeping or waiting run: it starts no further step. Recorded on the run. */
export const POST = route(async (request, { params }: IdParams) => json(await cancelRun((await params).id, requestActor(request))));
