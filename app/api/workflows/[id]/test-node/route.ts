import { json, readJson, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { testNode } from "@/lib/execution/test-node";
import { getWorkflow } from "@/lib/workflow-store/repository";

export const dynamic = "force-dynamic";

/** Runs one node of the workflow with the given data, without starting a run (the editor's "Test this node"). Editors only: it calls out with the workspace's connections. */
export const POST = secured("editor", async (request, { params }: IdParams, access) => {
  const workflow = await getWorkflow(access.workspaceId, (await params).id);
  return json(await testNode(workflow.draft ?? workflow.document, access.workspaceId, workflow.id, await readJson(request)));
});
