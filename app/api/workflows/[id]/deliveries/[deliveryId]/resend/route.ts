import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { resendDelivery } from "@/lib/triggers/webhook/deliveries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; deliveryId: string }> };

/** Starts a new run from a stored delivery (signature and dedup are not checked again): `202 { deliveryId, runId }`. */
export const POST = secured("editor", async (_request, { params }: Params, access) => {
  const { id, deliveryId } = await params;
  return json(await resendDelivery(access.workspaceId, id, deliveryId), 202);
});
