import { Skeleton } from "@/components/ui/skeleton";

/** The run page's shape while it loads. */
export function RunDetailSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading run">
      <div className="space-y-4">
        <div className="space-y-2">
          <Skeleton className="h-4 w-14" />
          <Skeleton className="h-8 w-72" />
        </div>
        <Skeleton className="h-[4.6rem] w-full rounded-xl" />
      </div>
      <div className="overflow-hidden rounded-xl border bg-card shadow-sm">
        <div className="space-y-2 border-b p-5">
          <Skeleton className="h-4 w-16" />
          <Skeleton className="h-3 w-80" />
        </div>
        {Array.from({ length: 4 }, (_, index) => (
          <div key={index} className="flex items-center gap-4 border-b px-4 py-3 last:border-0">
            <Skeleton className="size-8 rounded-lg" />
            <div className="flex-1 space-y-1.5">
              <Skeleton className="h-3.5 w-32" />
              <Skeleton className="h-3 w-20" />
            </div>
            <Skeleton className="h-5 w-24 rounded-full" />
            <Skeleton className="h-1.5 w-36 rounded-full" />
            <Skeleton className="h-3 w-12" />
          </div>
        ))}
      </div>
    </div>
  );
}
