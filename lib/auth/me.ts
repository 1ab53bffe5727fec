import type { Access } from "./access";
import type { Role } from "./roles";
import { memberships } from "./workspaces";

/** Who is signed in, in which workspace and with which role: GET /api/me, and the pages' first render. */
export interface Me {
  user: { id: string; email: string | null; name: string };
  via: "session" | "api-key";
  workspace: { id: string; role: Role };
  workspaces: { workspaceId: string; name: string; role: Role }[];
}

export async function presentMe(access: Access): Promise<Me> {
  return {
    user: access.user,
    via: access.via,
    workspace: { id: access.workspaceId, role: access.role },
    workspaces: access.via === "session" ? await memberships(access.user.id) : [],
  };
}
