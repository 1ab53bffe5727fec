import { json, readJson, route, type IdParams } from "@/lib/api/http";
import { deleteConnection, getConnectionView, replaceConnection } from "@/lib/connections/store";

export const dynamic = "force-dynamic";

export const GET = route(async (_request, { params }: IdParams) => json(await getConnectionView((await params).id)));

export const PUT = route(async (request, { params }: IdParams) => json(await replaceConnection((await params).id, await readJson(request))));

export const DELETE = route(async (_request, { params }: IdParams) => {
  await deleteConnection((await params).id);
  return new Response(null, { status: 204 });
});
