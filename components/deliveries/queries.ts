"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { Delivery } from "@/lib/client/types";
import type { OutcomeFilter } from "./types";

const POLL_MS = 3_000;

export function useDeliveries(workflowId: string, outcome: OutcomeFilter) {
  return useInfiniteQuery({
    queryKey: ["deliveries", workflowId, outcome],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: "50" });
      if (outcome !== "all") params.set("outcome", outcome);
      if (pageParam) params.set("cursor", pageParam);
      return api<{ deliveries: Delivery[]; nextCursor: string | null }>(`/api/workflows/${encodeURIComponent(workflowId)}/deliveries?${params}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
}

export function useResend(workflowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      api<{ deliveryId: string; runId: string }>(`/api/workflows/${encodeURIComponent(workflowId)}/deliveries/${encodeURIComponent(deliveryId)}/resend`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: ["deliveries", workflowId] }),
  });
}
