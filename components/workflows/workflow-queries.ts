"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { RunStatus, WorkflowDetail, WorkflowSummary } from "@/lib/client/types";
import type { WorkflowDocument } from "@/lib/document/schema";

export const workflowsQueryKey = ["workflows"] as const;

const UNFINISHED: readonly RunStatus[] = ["queued", "running"];

/** The list; polled while a last run is still going, so its badge settles without a reload. */
export function useWorkflows() {
  return useQuery({
    queryKey: workflowsQueryKey,
    queryFn: async () => (await api<{ workflows: WorkflowSummary[] }>("/api/workflows")).workflows,
    refetchInterval: (query) => (query.state.data?.some((w) => w.lastRun && UNFINISHED.includes(w.lastRun.status)) ? 3000 : false),
  });
}

export function useCreateWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ document, active = true }: { document: WorkflowDocument; active?: boolean }) =>
      api<WorkflowDetail>(`/api/workflows${active ? "" : "?active=false"}`, { method: "POST", body: document }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowsQueryKey }),
  });
}

/** PATCH `{ active }` or `{ name }`; the list updates before the server answers and rolls back if it refuses. */
export function usePatchWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { active?: boolean; name?: string } }) =>
      api<WorkflowDetail>(`/api/workflows/${id}`, { method: "PATCH", body: patch }),
    onMutate: async ({ id, patch }) => {
      await queryClient.cancelQueries({ queryKey: workflowsQueryKey });
      const previous = queryClient.getQueryData<WorkflowSummary[]>(workflowsQueryKey);
      queryClient.setQueryData<WorkflowSummary[]>(workflowsQueryKey, (list) => list?.map((w) => (w.id === id ? { ...w, ...patch } : w)));
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(workflowsQueryKey, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: workflowsQueryKey }),
  });
}

export function useDeleteWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/workflows/${id}`, { method: "DELETE" }),
    onSuccess: (_data, id) => {
      queryClient.setQueryData<WorkflowSummary[]>(workflowsQueryKey, (list) => list?.filter((w) => w.id !== id));
      return queryClient.invalidateQueries({ queryKey: workflowsQueryKey });
    },
  });
}
