import { json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { explainFailure } from "@/lib/ai/explain-failure";

export const dynamic = "force-dynamic";

/** "Explain this failure": the workspace's model on the failed step (secrets masked); `{ nodeId, explanation, likelyCause, fix }`. 409 while AI assistance is off. */
export const POST = secured("editor", async (_request, { params }: IdParams, access) => json(await explainFailure(access.workspaceId, (await params).id)));
