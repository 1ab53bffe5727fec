import { ApiError, json, notFound, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { findOperation } from "@/lib/openapi/store";

export const dynamic = "force-dynamic";

/** One operation with its parameters and schemas (`?key=<operation>`), for the node's form. */
export const GET = secured("viewer", async (request, { params }: IdParams, access) => {
  const key = new URL(request.url).searchParams.get("key");
  if (!key) throw new ApiError(400, "Name the operation", [{ path: "key", message: "Add ?key=<operation key>" }]);
  const found = await findOperation(access.workspaceId, (await params).id, key);
  if (!found) throw notFound("API");
  if (!found.operation) throw notFound(`Operation “${key}”`);
  return json({ api: found.api, operation: found.operation });
});
