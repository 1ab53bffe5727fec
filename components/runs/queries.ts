"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { api, ApiRequestError, describeError } from "@/lib/client/api";
import type { BulkReplayResult, FailedGroup, RunDetail, RunSummary, StartedReplay, WorkflowSummary } from "@/lib/client/types";
import type { WorkflowDocument } from "@/lib/document/schema";
import type { ReplayVersion } from "@/lib/runs/replay";
import { TIME_RANGES, type RunFilters } from "./run-filters-state";
import { isLiveRun, shortRunId } from "./run-status";

interface RunPage {
  runs: RunSummary[];
  nextCursor: string | null;
}

/** Live runs move fast, so the list polls quickly while any is on screen and slowly otherwise. */
const LIST_POLL_LIVE_MS = 2_000;
const LIST_POLL_IDLE_MS = 5_000;
const DETAIL_POLL_MS = 1_000;

/** The API query for the list's filters; a time range becomes `from`, relative to now. */
export function runListParams(filters: RunFilters, now = Date.now()): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.workflowId) params.set("workflowId", filters.workflowId);
  if (filters.triggerKind) params.set("triggerKind", filters.triggerKind);
  if (filters.range) params.set("from", new Date(now - TIME_RANGES[filters.range]).toISOString());
  if (filters.q) params.set("q", filters.q);
  return params;
}

export function useRunList(filters: RunFilters) {
  return useInfiniteQuery({
    queryKey: ["runs", "list", filters],
    queryFn: ({ pageParam }) => {
      const params = runListParams(filters);
      if (pageParam) params.set("cursor", pageParam);
      return api<RunPage>(`/api/runs?${params}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    // New runs appear and statuses change without a reload.
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.runs.some((run) => isLiveRun(run.status))) ? LIST_POLL_LIVE_MS : LIST_POLL_IDLE_MS),
  });
}

export function useRun(id: string) {
  return useQuery({
    queryKey: ["runs", "detail", id],
    queryFn: () => api<RunDetail>(`/api/runs/${encodeURIComponent(id)}`),
    retry: (failures, error) => !isNotFound(error) && failures < 1,
    refetchInterval: (query) => (query.state.data && isLiveRun(query.state.data.status) ? DETAIL_POLL_MS : false),
  });
}

/** The workflow document a run executed (its version, not the current one). */
export function useWorkflowVersion(workflowId: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ["workflows", workflowId, "versions", version],
    queryFn: () => api<{ workflowId: string; version: number; document: WorkflowDocument }>(`/api/workflows/${encodeURIComponent(workflowId!)}/versions/${version}`),
    enabled: Boolean(workflowId && version),
    staleTime: Infinity,
  });
}

/** Workflows to filter by, by name. */
export function useWorkflowOptions() {
  return useQuery({
    queryKey: ["workflows", "run-filter-options"],
    queryFn: () => api<{ workflows: WorkflowSummary[] }>("/api/workflows"),
    select: (data) => data.workflows.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  });
}

/** Reruns or replays one run, then opens the new run. */
export function useReplayRun(runId: string, mode: "replay" | "rerun") {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: (version: ReplayVersion) => api<StartedReplay>(`/api/runs/${encodeURIComponent(runId)}/${mode}`, { method: "POST", body: { version } }),
    onSuccess: (started) => {
      toast.success(mode === "replay" ? `Replay ${shortRunId(started.runId)} started from ${started.fromNode ?? "the start"}` : `Rerun ${shortRunId(started.runId)} started`);
      router.push(`/runs/${started.runId}`);
    },
    onError: (error) => toast.error(`Could not ${mode}: ${describeError(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["runs"] }),
  });
}

/** The dead-letter queue, polled so replays leaving it and new failures show up. */
export function useFailedGroups(workflowId?: string) {
  return useQuery({
    queryKey: ["runs", "failed", workflowId ?? null],
    queryFn: () => api<{ groups: FailedGroup[]; total: number }>(`/api/runs/failed${workflowId ? `?workflowId=${encodeURIComponent(workflowId)}` : ""}`),
    refetchInterval: 5_000,
    placeholderData: keepPreviousData,
  });
}

export function useBulkReplay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { runIds: string[]; mode: "replay" | "rerun"; version: ReplayVersion }) => api<BulkReplayResult>("/api/runs/replay", { method: "POST", body: input }),
    onError: (error) => toast.error(`Could not queue the replays: ${describeError(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["runs"] }),
  });
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 404;
}
