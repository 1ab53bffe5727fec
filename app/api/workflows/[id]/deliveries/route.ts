import { z } from "zod";
import { invalid, json, type IdParams } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { listDeliveries } from "@/lib/triggers/webhook/deliveries";
import { DELIVERY_OUTCOMES } from "@/lib/triggers/webhook/output";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  outcome: z.enum(DELIVERY_OUTCOMES).optional(),
});

/** The workflow's webhook deliveries, newest first: `{ deliveries, nextCursor }`. */
export const GET = secured("viewer", async (request, { params }: IdParams, access) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalid(query.error, "Invalid query");
  return json(await listDeliveries(access.workspaceId, (await params).id, query.data));
});
