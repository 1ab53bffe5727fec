import { json, route } from "@/lib/api/http";
import { resendDelivery } from "@/lib/triggers/webhook/deliveries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; deliveryId: string }> };

/** Starts a new run from a stored delivery (signature and dedup are not checked again): `202 { deliveryId, runId }`. */
export const POST = route(async (_request, { params }: Params) => {
  const { id, deliveryId } = await params;
  return json(await resendDelivery(id, deliveryId), 202);
});
