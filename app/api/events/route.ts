import { json, readJson, route } from "@/lib/api/http";
import { publishEvent } from "@/lib/events/publish";

export const dynamic = "force-dynamic";

/**
 * Accepts an event `{ name, data?, id?, occurredAt?, source? }`: it starts one run in every active
 * workflow whose event trigger subscribes to the name, and resumes runs waiting for it. The `id`,
 * or an `Idempotency-Key` header, deduplicates within 24 h.
 */
export const POST = route(async (request) => {
  const { result, duplicate, runs } = await publishEvent(await readJson(request), request.headers.get("idempotency-key") ?? undefined);
  return json({ ...result, duplicate, runs }, duplicate ? 200 : 202);
});
