"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { api, describeError } from "@/lib/client/api";
import type { WorkflowDetail } from "@/lib/client/types";
import { workflowQueryKey } from "./workflow-query";

/** The workflow's Active switch: applied at once (it is not part of the document), shown optimistically. */
export function useActiveToggle(workflowId: string, savedActive: boolean) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (active: boolean) => api<WorkflowDetail>(`/api/workflows/${encodeURIComponent(workflowId)}`, { method: "PATCH", body: { active } }),
    onSuccess: (detail) => {
      queryClient.setQueryData(workflowQueryKey(workflowId), detail);
      void queryClient.invalidateQueries({ queryKey: ["workflows"] });
      toast.success(detail.active ? "Workflow is active" : "Workflow is inactive");
    },
    onError: (error) => toast.error(describeError(error)),
  });
  return {
    active: mutation.isPending ? (mutation.variables ?? savedActive) : savedActive,
    changing: mutation.isPending,
    setActive: (active: boolean) => mutation.mutate(active),
  };
}
