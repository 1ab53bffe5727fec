import { json, notFound, route, type IdParams } from "@/lib/api/http";
import { ConnectionMissingError } from "@/lib/connections/store";
import { testConnection } from "@/lib/connections/test-connection";

export const dynamic = "force-dynamic";

/** Makes one real call with the connection's credentials: `{ ok, message, durationMs }` (200 either way). */
export const POST = route(async (_request, { params }: IdParams) => {
  try {
    return json(await testConnection((await params).id));
  } catch (error) {
    if (error instanceof ConnectionMissingError) throw notFound("Connection");
    throw error;
  }
});
