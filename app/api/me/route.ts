import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { presentMe } from "@/lib/auth/me";

export const dynamic = "force-dynamic";

/** Who is asking: `{ user, workspace: { id, role }, workspaces }` (the UI hides what the role cannot do). */
export const GET = secured("viewer", async (_request, _context, access) => json(await presentMe(access)));
