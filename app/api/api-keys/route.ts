import { z } from "zod";
import { ApiError, invalid, json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { audit } from "@/lib/auth/audit";
import { ROLES } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

const bodySchema = z
  .object({
    name: z.string().trim().min(1, "Name the key").max(100),
    role: z.enum(ROLES, { error: `Choose a role: ${ROLES.join(", ")}` }).default("editor"),
  })
  .strict();

/** The workspace's API keys (never the keys themselves). Owners only. */
export const GET = secured("owner", async (_request, _context, access) => json({ apiKeys: await listApiKeys(access.workspaceId) }));

/** Creates a key: the answer's `key` is shown this once (only its hash is stored). */
export const POST = secured("owner", async (request, _context, access) => {
  const body = bodySchema.safeParse(await readJson(request));
  if (!body.success) throw invalid(body.error, "Invalid API key");
  if (access.via !== "session") throw new ApiError(403, "API keys cannot create API keys; sign in as an owner");
  const created = await createApiKey({ workspaceId: access.workspaceId, name: body.data.name, role: body.data.role, createdBy: access.user.id });
  await audit(access.workspaceId, access.actor, "api-key.create", created.id, { name: created.name, role: created.role });
  return json(created, 201);
});
