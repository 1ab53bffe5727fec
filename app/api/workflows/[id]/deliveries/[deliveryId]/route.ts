import { json, route } from "@/lib/api/http";
import { getDelivery } from "@/lib/triggers/webhook/deliveries";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; deliveryId: string }> };

export const GET = route(async (_request, { params }: Params) => {
  const { id, deliveryId } = await params;
  return json(await getDelivery(id, deliveryId));
});
