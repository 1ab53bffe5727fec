import { z } from "zod";
import { ApiError, invalid, json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { createWorkspace, memberships } from "@/lib/auth/workspaces";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ name: z.string().trim().min(1, "Name the workspace").max(100) }).strict();

/** The signed-in user's workspaces and their role in each. */
export const GET = secured("viewer", async (_request, _context, access) => json({ workspaces: access.via === "session" ? await memberships(access.user.id) : [] }));

/** A new workspace owned by the signed-in user (any member of any workspace may create one). */
export const POST = secured("viewer", async (request, _context, access) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  if (access.via !== "session") throw new ApiError(400, "Sign in to create a workspace");
  const membership = await createWorkspace(body.data.name, access.user.id);
  await audit(membership.workspaceId, access.actor, "member.join", access.user.email, { role: membership.role });
  return json(membership, 201);
});
