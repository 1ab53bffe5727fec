import { z } from "zod";
import { invalid, json, route, type IdParams } from "@/lib/api/http";
import { listDeliveries } from "@/lib/triggers/webhook/deliveries";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  outcome: z.enum(["accepted", "duplicate", "rejected"]).optional(),
});

/** The workflow's webhook deliveries, newest first: `{ deliveries, nextCursor }`. */
export const GET = route(async (request, { params }: IdParams) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw invalid(query.error, "Invalid query");
  return json(await listDeliveries((await params).id, query.data));
});
