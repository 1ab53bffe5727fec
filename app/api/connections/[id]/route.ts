import { json, readJson, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { deleteConnection, getConnectionView, replaceConnection } from "@/lib/connections/store";

export const dynamic = "force-dynamic";

export const GET = secured("editor", async (_request, { params }: IdParams, access) => json(await getConnectionView(access.workspaceId, (await params).id)));

export const PUT = secured("editor", async (request, { params }: IdParams, access) => {
  const connection = await replaceConnection(access.workspaceId, (await params).id, await readJson(request));
  await audit(access.workspaceId, access.actor, "connection.update", connection.id, { name: connection.name, type: connection.type });
  return json(connection);
});

export const DELETE = secured("editor", async (_request, { params }: IdParams, access) => {
  const { id } = await params;
  await deleteConnection(access.workspaceId, id);
  await audit(access.workspaceId, access.actor, "connection.delete", id);
  return new Response(null, { status: 204 });
});
