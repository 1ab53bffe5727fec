import { json, route, type IdParams } from "@/lib/api/http";
import { getRun } from "@/lib/runs/queries";

export const dynamic = "force-dynamic";

export const GET = route(async (_request, { params }: IdParams) => json(await getRun((await params).id)));
