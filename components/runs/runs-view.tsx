"use client";

import { History, SearchX, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { describeError } from "@/lib/client/api";
import { cn } from "@/lib/utils";
import { useRunList, useWorkflowOptions } from "./queries";
import { RunFilterBar } from "./run-filters";
import { hasFilters, useRunFilters } from "./run-filters-state";
import { RunsTable } from "./runs-table";
import { RunsTableSkeleton } from "./runs-skeleton";

/** The run history: filters from the URL, a live-updating table and cursor pagination. */
export function RunsView() {
  const [filters, setFilters] = useRunFilters();
  const workflows = useWorkflowOptions();
  const list = useRunList(filters);
  const runs = list.data?.pages.flatMap((page) => page.runs) ?? [];
  const filtered = hasFilters(filters);

  return (
    <div className="space-y-4">
      <RunFilterBar filters={filters} onChange={setFilters} workflows={workflows.data} />
      {list.isPending ? (
        <RunsTableSkeleton />
      ) : list.isError && !runs.length ? (
        <EmptyState
          icon={TriangleAlert}
          title="Could not load runs"
          description={describeError(list.error)}
          action={
            <Button variant="outline" onClick={() => list.refetch()}>
              Try again
            </Button>
          }
        />
      ) : !runs.length && filtered ? (
        <EmptyState
          icon={SearchX}
          title="No runs match these filters"
          description={filters.q ? `No run's trigger data contains “${filters.q}” with these filters. Try other words, or clear the filters.` : "Try another status, workflow, trigger or time, or clear the filters to see every run."}
          action={
            <Button variant="outline" onClick={() => setFilters({})}>
              Clear filters
            </Button>
          }
        />
      ) : !runs.length ? (
        <EmptyState
          icon={History}
          title="No runs yet"
          description="Run a workflow from the editor or call its webhook URL. Each run shows up here with every step's input, output and errors."
          action={
            <Button asChild>
              <Link href="/workflows">Go to workflows</Link>
            </Button>
          }
        />
      ) : (
        <>
          <RunsTable runs={runs} className={cn("transition-opacity", list.isPlaceholderData && "opacity-60")} />
          {list.hasNextPage && (
            <div className="flex justify-center">
              <Button variant="outline" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
