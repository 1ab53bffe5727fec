import { z } from "zod";
import { invalid, json, publicOrigin, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { ROLES } from "@/lib/auth/roles";
import { createInvitation } from "@/lib/auth/workspaces";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ role: z.enum(ROLES, { error: `Choose a role: ${ROLES.join(", ")}` }) }).strict();

/** An invitation link for joining this workspace with the role (valid 7 days, once): `{ url, expiresAt }`. */
export const POST = secured("owner", async (request, _context, access) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  const invitation = await createInvitation(access.workspaceId, body.data.role, access.user.id);
  await audit(access.workspaceId, access.actor, "member.invite", invitation.id, { role: body.data.role });
  return json({ id: invitation.id, role: body.data.role, url: `${publicOrigin(request)}/invite/${invitation.token}`, expiresAt: invitation.expiresAt }, 201);
});
