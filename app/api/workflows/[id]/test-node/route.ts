import { json, readJson, route, type IdParams } from "@/lib/api/http";
import { testNode } from "@/lib/execution/test-node";
import { getWorkflow } from "@/lib/workflows/repository";

export const dynamic = "force-dynamic";

/** Runs one node of the workflow with the given data, without starting a run (the editor's "Test this node"). */
export const POST = route(async (request, { params }: IdParams) => {
  const workflow = await getWorkflow((await params).id);
  return json(await testNode(workflow.document, workflow.id, await readJson(request)));
});
