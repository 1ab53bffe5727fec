import { ApiError, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { getRunValue } from "@/lib/runs/queries";

export const dynamic = "force-dynamic";

/** A whole stored value of a run (`?path=trigger|output|error|steps.<nodeId>.input|output|error`) as a JSON download. */
export const GET = secured("viewer", async (request, { params }: IdParams, access) => {
  const id = (await params).id;
  const path = new URL(request.url).searchParams.get("path");
  if (!path) throw new ApiError(400, "Invalid query", [{ path: "path", message: "Name the value: trigger, output, error or steps.<nodeId>.input|output|error" }]);
  const value = await getRunValue(access.workspaceId, id, path);
  return new Response(JSON.stringify(value ?? null, null, 2), {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${id}-${path.replace(/[^A-Za-z0-9_.-]/g, "_")}.json"` },
  });
});
