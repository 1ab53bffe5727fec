import { z } from "zod";
import { ApiError, invalid, json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { WORKSPACE_COOKIE } from "@/lib/auth/access";
import { memberships } from "@/lib/auth/workspaces";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ workspaceId: z.string().min(1).max(100) }).strict();

/** Switches the signed-in user to another of their workspaces (a cookie); any member may. */
export const POST = secured("viewer", async (request, _context, access) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  if (access.via !== "session") throw new ApiError(400, "API keys belong to one workspace; create a key in the other workspace instead");
  const membership = (await memberships(access.user.id)).find((m) => m.workspaceId === body.data.workspaceId);
  if (!membership) throw new ApiError(404, "Workspace not found");
  const secure = new URL(request.url).protocol === "https:" || process.env.PUBLIC_URL?.startsWith("https://") ? "; Secure" : "";
  return json(membership, 200, { "set-cookie": `${WORKSPACE_COOKIE}=${encodeURIComponent(membership.workspaceId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure}` });
});
