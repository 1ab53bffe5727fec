import { RunDetailSkeleton } from "@/components/runs/run-detail-skeleton";
import { BackToRuns } from "@/components/runs/run-header";

export default function Loading() {
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-8">
      <BackToRuns />
      <RunDetailSkeleton />
    </div>
  );
}
