import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { importApi, importInput, listApis } from "@/lib/openapi/store";

export const dynamic = "force-dynamic";

/** The workspace's imported APIs with their operations (without schemas), for the palette and the Connections page. */
export const GET = secured("viewer", async (_request, _context, access) => json({ apis: await listApis(access.workspaceId) }));

/** Imports an OpenAPI 3.0/3.1 or Swagger 2.0 document: `{ document, name?, baseUrl? }`, or the document itself as the body. */
export const POST = secured("editor", async (request, _context, access) => {
  const api = await importApi(access.workspaceId, importInput(await request.text(), new URL(request.url).searchParams));
  await audit(access.workspaceId, access.actor, "api.import", api.id, { name: api.name, operations: api.operations.length });
  return json(api, 201);
});
