import { z } from "zod";
import { invalid, json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { listAudit } from "@/lib/auth/audit";

export const dynamic = "force-dynamic";

const querySchema = z.object({ cursor: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** The workspace's audit log, newest first: `{ entries, nextCursor }`. Owners only. */
export const GET = secured("owner", async (request, _context, access) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalid(query.error, "Invalid query");
  return json(await listAudit(access.workspaceId, { before: query.data.cursor, limit: query.data.limit }));
});
