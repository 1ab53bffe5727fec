import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { listMembers } from "@/lib/auth/workspaces";

export const dynamic = "force-dynamic";

/** The workspace's members and their roles. Owners only. */
export const GET = secured("owner", async (_request, _context, access) => json({ members: await listMembers(access.workspaceId) }));
