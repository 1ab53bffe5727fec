import { Skeleton } from "@/components/ui/skeleton";

/** The run list's shape while it loads: filters and a table of placeholder rows. */
export function RunsListSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading runs">
      <div className="flex gap-3">
        <Skeleton className="h-[3.6rem] w-44" />
        <Skeleton className="h-[3.6rem] w-64" />
      </div>
      <RunsTableSkeleton />
    </div>
  );
}

export function RunsTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div className="overflow-hidden rounded-xl border bg-card shadow-sm">
      <div className="flex h-10 items-center gap-6 border-b px-4">
        <Skeleton className="h-3 w-14" />
        <Skeleton className="h-3 w-20" />
      </div>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="flex h-[3.05rem] items-center gap-6 border-b px-4 last:border-0">
          <Skeleton className="h-5 w-24 rounded-full" />
          <Skeleton className="h-4 flex-1" />
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-16" />
          <Skeleton className="h-4 w-16" />
        </div>
      ))}
    </div>
  );
}
