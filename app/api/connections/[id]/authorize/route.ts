import { json, publicOrigin, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { startAuthorization } from "@/lib/connections/oauth-code";

export const dynamic = "force-dynamic";

/** Starts signing in to the app of an OAuth2 sign-in connection: `{ url }` of the app's authorization page, to open in the browser. */
export const POST = secured("editor", async (request, { params }: IdParams, access) =>
  json({ url: await startAuthorization(access.workspaceId, (await params).id, publicOrigin(request)) }),
);
