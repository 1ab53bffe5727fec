import { json, readJson, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { discardDraft, saveDraft } from "@/lib/workflow-store/drafts";
import { presentWorkflow, type DraftView } from "@/lib/workflow-store/present";

export const dynamic = "force-dynamic";

/** Saves the editor's document as the draft, problems and all: `{ workflow, problems }`. Triggers keep the published version. */
export const PUT = secured("editor", async (request, { params }: IdParams, access) => {
  const { workflow, problems } = await saveDraft(access.workspaceId, (await params).id, await readJson(request));
  const answer: DraftView = { workflow: presentWorkflow(request, workflow, access.role), problems };
  return json(answer);
});

/** Throws the draft away: the editor shows the published version again. */
export const DELETE = secured("editor", async (request, { params }: IdParams, access) =>
  json(presentWorkflow(request, await discardDraft(access.workspaceId, (await params).id), access.role)),
);
