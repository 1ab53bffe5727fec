import { RunsPageHeader } from "@/components/runs/runs-page-header";
import { RunsListSkeleton } from "@/components/runs/runs-skeleton";

export default function Loading() {
  return (
    <div className="mx-auto max-w-6xl p-8">
      <RunsPageHeader />
      <RunsListSkeleton />
    </div>
  );
}
