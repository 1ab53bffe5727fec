import { json, readJson, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { deleteApi, getApi, importInput, reimportApi, updateApi } from "@/lib/openapi/store";

export const dynamic = "force-dynamic";

export const GET = secured("viewer", async (_request, { params }: IdParams, access) => json(await getApi(access.workspaceId, (await params).id)));

/** Renames the API or changes its base URL. */
export const PATCH = secured("editor", async (request, { params }: IdParams, access) => {
  const api = await updateApi(access.workspaceId, (await params).id, await readJson(request));
  await audit(access.workspaceId, access.actor, "api.update", api.id, { name: api.name, baseUrl: api.baseUrl });
  return json(api);
});

/** Re-imports a new version of the document; answers what changed and which workflow nodes use a removed operation. */
export const PUT = secured("editor", async (request, { params }: IdParams, access) => {
  const result = await reimportApi(access.workspaceId, (await params).id, importInput(await request.text(), new URL(request.url).searchParams));
  await audit(access.workspaceId, access.actor, "api.reimport", result.api.id, { added: result.report.added, changed: result.report.changed, removed: result.report.removed.length });
  return json(result);
});

export const DELETE = secured("editor", async (_request, { params }: IdParams, access) => {
  const { id } = await params;
  await deleteApi(access.workspaceId, id);
  await audit(access.workspaceId, access.actor, "api.delete", id);
  return new Response(null, { status: 204 });
});
