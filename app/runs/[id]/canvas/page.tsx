import type { Metadata } from "next";
import { RunCanvasView } from "@/components/runs/run-canvas-view";
import { shortRunId } from "@/components/runs/run-status";

interface RunCanvasPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: RunCanvasPageProps): Promise<Metadata> {
  return { title: `Run ${shortRunId((await params).id)} on canvas` };
}

export default async function RunCanvasPage({ params }: RunCanvasPageProps) {
  return <RunCanvasView runId={(await params).id} />;
}
