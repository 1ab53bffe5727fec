import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { presentWorkflow, type DraftView } from "@/lib/workflow-store/present";
import { parseVersion, restoreVersion } from "@/lib/workflow-store/versions";

export const dynamic = "force-dynamic";

type VersionParams = { params: Promise<{ id: string; version: string }> };

/** Makes a published version's document the draft, `{ workflow, problems }` like saving a draft; it is not published. */
export const POST = secured("editor", async (request, { params }: VersionParams, access) => {
  const { id, version: text } = await params;
  const version = parseVersion(text);
  const { workflow, problems } = await restoreVersion(access.workspaceId, id, version);
  await audit(access.workspaceId, access.actor, "workflow.restore", id, { name: workflow.name, version });
  const answer: DraftView = { workflow: presentWorkflow(request, workflow, access.role), problems };
  return json(answer);
});
