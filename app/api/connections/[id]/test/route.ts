import { json, notFound, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { ConnectionMissingError } from "@/lib/connections/store";
import { testConnection } from "@/lib/connections/test-connection";

export const dynamic = "force-dynamic";

/** Makes one real call with the connection's credentials: `{ ok, message, durationMs }` (200 either way). */
export const POST = secured("editor", async (_request, { params }: IdParams, access) => {
  try {
    return json(await testConnection(access.workspaceId, (await params).id));
  } catch (error) {
    if (error instanceof ConnectionMissingError) throw notFound("Connection");
    throw error;
  }
});
