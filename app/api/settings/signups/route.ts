import { z } from "zod";
import { ApiError, invalid, json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { DEFAULT_WORKSPACE_ID, setSignupsOpen, signupsOpen } from "@/lib/auth/workspaces";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ open: z.boolean() }).strict();

/** Whether anyone may sign up (`{ open }`), or only people with an invitation link. */
export const GET = secured("viewer", async () => json({ open: await signupsOpen() }));

/** Opens or closes sign-up for the whole installation: owners of the first workspace only. */
export const PUT = secured("owner", async (request, _context, access) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error);
  if (access.workspaceId !== DEFAULT_WORKSPACE_ID) throw new ApiError(403, "Only owners of the first workspace decide who may sign up");
  await setSignupsOpen(body.data.open);
  await audit(access.workspaceId, access.actor, "settings.update", null, { signupsOpen: body.data.open });
  return json({ open: body.data.open });
});
