import { json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { getRun } from "@/lib/runs/queries";

export const dynamic = "force-dynamic";

export const GET = secured("viewer", async (_request, { params }: IdParams, access) => json(await getRun(access.workspaceId, (await params).id)));
