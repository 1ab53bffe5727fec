import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { retentionStatus, runRetention } from "@/lib/runs/retention";
import { getSettings } from "@/lib/settings";

export const dynamic = "force-dynamic";

/** The retention job of this process: `{ retentionDays, running, last, lastError, nextAt }` (retentionDays: this workspace's). */
export const GET = secured("viewer", async (_request, _context, access) => json({ retentionDays: (await getSettings(access.workspaceId)).retentionDays, ...retentionStatus() }));

/** Runs a retention pass now (every workspace by its own setting) and answers with what it deleted. */
export const POST = secured("owner", async () => json(await runRetention()));
