import type { Metadata } from "next";
import { RunDetailView } from "@/components/runs/run-detail-view";
import { shortRunId } from "@/components/runs/run-status";

interface RunPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: RunPageProps): Promise<Metadata> {
  return { title: `Run ${shortRunId((await params).id)}` };
}

export default async function RunPage({ params }: RunPageProps) {
  const { id } = await params;
  return (
    <div className="mx-auto max-w-6xl p-8">
      <RunDetailView runId={id} />
    </div>
  );
}
