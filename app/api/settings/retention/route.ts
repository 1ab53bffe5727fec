import { json, route } from "@/lib/api/http";
import { retentionStatus, runRetention } from "@/lib/runs/retention";
import { getSettings } from "@/lib/settings";

export const dynamic = "force-dynamic";

/** The retention job of this process: `{ retentionDays, running, last, lastError, nextAt }`. */
export const GET = route(async () => json({ retentionDays: (await getSettings()).retentionDays, ...retentionStatus() }));

/** Runs a retention pass now and answers with what it deleted. */
export const POST = route(async () => json(await runRetention()));
