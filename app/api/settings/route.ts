import { json, readJson, route } from "@/lib/api/http";
import { DEFAULT_SETTINGS, getSettings, updateSettings } from "@/lib/settings";

export const dynamic = "force-dynamic";

/** `{ settings, defaults }`. */
export const GET = route(async () => json({ settings: await getSettings(), defaults: DEFAULT_SETTINGS }));

/** Changes the settings sent (e.g. `{ "retentionDays": 14 }`); answers like GET. */
export const PUT = route(async (request) => json({ settings: await updateSettings(await readJson(request)), defaults: DEFAULT_SETTINGS }));
