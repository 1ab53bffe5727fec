import { z } from "zod";
import { ApiError, invalid, json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { acceptInvitation } from "@/lib/auth/workspaces";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ token: z.string().min(1).max(100) }).strict();

/** A signed-in user joins the invitation's workspace (any member of any workspace may accept an invitation to another). */
export const POST = secured("viewer", async (request, _context, access) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  if (access.via !== "session") throw new ApiError(400, "Sign in to accept an invitation");
  const membership = await acceptInvitation(body.data.token, access.user.id);
  if (!membership) throw new ApiError(404, "This invitation link is unknown, used or expired");
  await audit(membership.workspaceId, access.actor, "member.join", access.user.email, { role: membership.role });
  return json(membership);
});
