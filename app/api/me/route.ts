import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { memberships } from "@/lib/auth/workspaces";

export const dynamic = "force-dynamic";

/** Who is asking: `{ user, workspace: { id, role }, workspaces }` (the UI hides what the role cannot do). */
export const GET = secured("viewer", async (_request, _context, access) =>
  json({
    user: access.user,
    via: access.via,
    workspace: { id: access.workspaceId, role: access.role },
    workspaces: access.via === "session" ? await memberships(access.user.id) : [],
  }),
);
