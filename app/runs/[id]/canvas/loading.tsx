import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="flex h-dvh flex-col" aria-busy="true" aria-label="Loading the run's canvas">
      <div className="flex items-center gap-4 border-b px-4 py-3">
        <Skeleton className="h-7 w-28" />
        <Skeleton className="h-5 w-64" />
      </div>
      <div className="flex-1 bg-canvas" />
    </div>
  );
}
