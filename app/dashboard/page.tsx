import type { Metadata } from "next";
import { Suspense } from "react";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Dashboard" };

export default function DashboardPage() {
  return (
    <div className="mx-auto max-w-6xl p-8">
      <PageHeader title="Dashboard" description="How your workflows are doing: throughput, success rate, durations and the errors behind failed runs." className="pb-4" />
      {/* The period lives in the URL's query, known only in the browser for this static page. */}
      <Suspense>
        <DashboardView />
      </Suspense>
    </div>
  );
}
