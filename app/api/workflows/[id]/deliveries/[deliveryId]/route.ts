import { json } from "@/lib/api/http";
import { secured } from "@/lib/api/secured";
import { getDelivery } from "@/lib/triggers/webhook/deliveries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; deliveryId: string }> };

export const GET = secured("viewer", async (_request, { params }: Params, access) => {
  const { id, deliveryId } = await params;
  return json(await getDelivery(access.workspaceId, id, deliveryId));
});
