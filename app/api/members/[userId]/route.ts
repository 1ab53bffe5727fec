import { z } from "zod";
import { invalid, json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { ROLES } from "@/lib/auth/roles";
import { changeMemberRole, removeMember } from "@/lib/auth/members";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ userId: string }> };

const bodySchema = z.object({ role: z.enum(ROLES, { error: `Choose a role: ${ROLES.join(", ")}` }) }).strict();

/** Changes a member's role `{ role }`; the last owner stays an owner. */
export const PATCH = secured("owner", async (request, { params }: Params, access) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  const member = await changeMemberRole(access.workspaceId, (await params).userId, body.data.role);
  await audit(access.workspaceId, access.actor, "member.role", member.email, { role: member.role });
  return json(member);
});

/** Removes a member from the workspace (not the last owner). */
export const DELETE = secured("owner", async (_request, { params }: Params, access) => {
  const member = await removeMember(access.workspaceId, (await params).userId);
  await audit(access.workspaceId, access.actor, "member.remove", member.email);
  return new Response(null, { status: 204 });
});
