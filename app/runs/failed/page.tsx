import type { Metadata } from "next";
import { FailedRunsView } from "@/components/runs/failed-runs-view";
import { RunsPageHeader } from "@/components/runs/runs-page-header";

export const metadata: Metadata = { title: "Failed runs" };

export default function FailedRunsPage() {
  return (
    <div className="mx-auto max-w-6xl p-8">
      <RunsPageHeader view="failed" />
      <FailedRunsView />
    </div>
  );
}
