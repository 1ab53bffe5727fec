import { json, readJson } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { publishEvent } from "@/lib/events/publish";

export const dynamic = "force-dynamic";

/**
 * Accepts an event `{ name, data?, id?, occurredAt?, source? }`: it starts one run in every active
 * workflow of the workspace whose event trigger subscribes to the name, and resumes runs waiting
 * for it. The `id`, or an `Idempotency-Key` header, deduplicates within 24 h.
 */
export const POST = secured("editor", async (request, _context, access) => {
  const { result, duplicate, runs } = await publishEvent(access.workspaceId, await readJson(request), request.headers.get("idempotency-key") ?? undefined);
  return json({ ...result, duplicate, runs }, duplicate ? 200 : 202);
});
