import { ApiError, publicOrigin } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { completeAuthorization } from "@/lib/connections/oauth-code";

export const dynamic = "force-dynamic";

/**
 * Where the app sends the user back after they allowed (or refused) access: the code is exchanged
 * for tokens, then the browser goes back to the Connections page, which says how it went.
 */
export const GET = secured("editor", async (request, _context, access) => {
  const back = new URL("/connections", publicOrigin(request));
  try {
    back.searchParams.set("connected", await completeAuthorization(access.workspaceId, new URL(request.url).searchParams, access.actor));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    back.searchParams.set("oauthError", error.message);
  }
  return Response.redirect(back, 303);
});
