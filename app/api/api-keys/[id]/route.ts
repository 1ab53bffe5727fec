import { json, notFound, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { revokeApiKey } from "@/lib/auth/api-keys";
import { audit } from "@/lib/auth/audit";

export const dynamic = "force-dynamic";

/** Revokes the key: requests with it get 401 from now on. */
export const DELETE = secured("owner", async (_request, { params }: IdParams, access) => {
  const key = await revokeApiKey(access.workspaceId, (await params).id);
  if (!key) throw notFound("API key");
  await audit(access.workspaceId, access.actor, "api-key.revoke", key.id, { name: key.name });
  return json(key);
});
