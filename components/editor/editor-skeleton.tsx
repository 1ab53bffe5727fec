import { Skeleton } from "@/components/ui/skeleton";

/** The editor's layout while the workflow loads. */
export function EditorSkeleton() {
  return (
    <div className="flex h-full flex-col" aria-busy="true" aria-label="Loading workflow">
      <div className="flex h-14 shrink-0 items-center gap-3 border-b bg-card px-3">
        <Skeleton className="size-7" />
        <Skeleton className="h-5 w-48" />
        <Skeleton className="h-4 w-14" />
        <div className="ml-auto flex items-center gap-2">
          <Skeleton className="h-8 w-24" />
          <Skeleton className="h-5 w-16" />
          <Skeleton className="h-8 w-16" />
          <Skeleton className="h-8 w-20" />
        </div>
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="w-56 shrink-0 space-y-4 border-r bg-card p-3">
          <Skeleton className="h-8 w-full" />
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="flex gap-2.5">
              <Skeleton className="size-8 shrink-0" />
              <div className="flex-1 space-y-1.5">
                <Skeleton className="h-3.5 w-24" />
                <Skeleton className="h-3 w-full" />
              </div>
            </div>
          ))}
        </div>
        <div className="flex flex-1 items-center justify-center gap-16 bg-canvas">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-16 w-44 rounded-lg" />
          ))}
        </div>
      </div>
    </div>
  );
}
