"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { api } from "@/lib/client/api";
import { runData, type RunData, type RunDetailLike } from "@/lib/editor/sample-data";

/** The latest run of the workflow, as example data for the editor (null until there is one). */
export function useLastRunData(runId: string | undefined): RunData | null {
  const query = useQuery({
    queryKey: ["editor-last-run", runId],
    queryFn: () => api<RunDetailLike>(`/api/runs/${encodeURIComponent(runId!)}`),
    enabled: !!runId,
    staleTime: 30_000,
  });
  return useMemo(() => (query.data ? runData(query.data) : null), [query.data]);
}
