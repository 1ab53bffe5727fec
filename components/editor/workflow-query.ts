"use client";

import { useQuery } from "@tanstack/react-query";
import { api, ApiRequestError } from "@/lib/client/api";
import type { WorkflowDetail } from "@/lib/client/types";

export function workflowQueryKey(id: string) {
  return ["workflow", id] as const;
}

/** The saved workflow: the editor's starting point, and its live `active` flag and webhook URL (`initialData`: as the page was served with it). */
export function useWorkflowQuery(id: string, initialData?: WorkflowDetail) {
  return useQuery({
    queryKey: workflowQueryKey(id),
    initialData,
    queryFn: () => api<WorkflowDetail>(`/api/workflows/${encodeURIComponent(id)}`),
    retry: (failures, error) => !(error instanceof ApiRequestError && error.status === 404) && failures < 1,
  });
}
