import { json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { audit } from "@/lib/auth/audit";
import { DEFAULT_SETTINGS, getSettings, updateSettings } from "@/lib/settings";

export const dynamic = "force-dynamic";

/** The workspace's `{ settings, defaults }`. */
export const GET = secured("viewer", async (_request, _context, access) => json({ settings: await getSettings(access.workspaceId), defaults: DEFAULT_SETTINGS }));

/** Changes the settings sent (e.g. `{ "retentionDays": 14 }`); answers like GET. Owners only. */
export const PUT = secured("owner", async (request, _context, access) => {
  const settings = await updateSettings(access.workspaceId, await readJson(request));
  await audit(access.workspaceId, access.actor, "settings.update", null, settings);
  return json({ settings, defaults: DEFAULT_SETTINGS });
});
