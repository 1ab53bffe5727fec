import { z } from "zod";
import { invalid, json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { evaluateAnomalies, listAnomalies } from "@/lib/runs/anomalies/evaluate";

export const dynamic = "force-dynamic";

const querySchema = z.object({ days: z.coerce.number().int("A whole number of days").min(1, "At least 1 day").max(90, "At most 90 days").default(7) });

/** The workspace's recorded anomalies whose hour started in the last `?days=` (1–90, default 7), newest first. */
export const GET = secured("viewer", async (request, _context, access) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw invalid(parsed.error, "Invalid query");
  return json({ anomalies: await listAnomalies(access.workspaceId, new Date(Date.now() - parsed.data.days * 24 * 60 * 60_000)) });
});

const checkSchema = z.object({
  hour: z.iso
    .datetime({ offset: true, message: "An ISO date-time, such as 2026-12-04T13:00:00Z" })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() % (60 * 60_000) === 0, "The start of an hour (minutes, seconds and milliseconds zero)")
    .refine((date) => date.getTime() + 60 * 60_000 <= Date.now(), "An hour that has ended")
    .optional(),
});

/**
 * Checks one hour of the workspace's workflows now and answers what it newly found: `?hour=` (its
 * start, ISO) or, by default, the last complete hour, which the background check also covers every
 * 5 minutes. Findings already recorded are not found or alerted again.
 */
export const POST = secured("editor", async (request, _context, access) => {
  const parsed = checkSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw invalid(parsed.error, "Invalid query");
  const now = parsed.data.hour ? new Date(parsed.data.hour.getTime() + 60 * 60_000) : undefined;
  return json({ anomalies: await evaluateAnomalies({ workspaceId: access.workspaceId, now }) });
});
