import { json, readJson, route, type IdParams } from "@/lib/api/http";
import { presentWorkflow } from "@/lib/workflows/present";
import { deleteWorkflow, getWorkflow, patchWorkflow, replaceWorkflow } from "@/lib/workflows/repository";

export const dynamic = "force-dynamic";

export const GET = route(async (request, { params }: IdParams) => json(presentWorkflow(request, await getWorkflow((await params).id))));

export const PUT = route(async (request, { params }: IdParams) =>
  json(presentWorkflow(request, await replaceWorkflow((await params).id, await readJson(request)))),
);

export const PATCH = route(async (request, { params }: IdParams) =>
  json(presentWorkflow(request, await patchWorkflow((await params).id, await readJson(request)))),
);

export const DELETE = route(async (_request, { params }: IdParams) => {
  await deleteWorkflow((await params).id);
  return new Response(null, { status: 204 });
});
