import type { Metadata } from "next";
import { DeliveriesView } from "@/components/deliveries/deliveries-view";

export const metadata: Metadata = { title: "Deliveries" };

export default async function DeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DeliveriesView workflowId={id} />;
}
