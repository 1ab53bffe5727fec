import type { Metadata } from "next";
import { Suspense } from "react";
import { RunsPageHeader } from "@/components/runs/runs-page-header";
import { RunsListSkeleton } from "@/components/runs/runs-skeleton";
import { RunsView } from "@/components/runs/runs-view";

export const metadata: Metadata = { title: "Runs" };

export default function RunsPage() {
  return (
    <div className="mx-auto max-w-6xl p-8">
      <RunsPageHeader />
      {/* The filters read the URL's query, which is only known in the browser for this static page. */}
      <Suspense fallback={<RunsListSkeleton />}>
        <RunsView />
      </Suspense>
    </div>
  );
}
