"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { ApiOperation, ApiSummary, ReimportReport } from "@/lib/openapi/model";

export const apisQueryKey = ["apis"] as const;

/** The workspace's imported APIs with their operations (no schemas): the palette and the Connections page. */
export function useImportedApis(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: apisQueryKey,
    queryFn: async () => (await api<{ apis: ApiSummary[] }>("/api/apis")).apis,
    staleTime: 30_000,
    enabled: options.enabled ?? true,
  });
}

export interface OperationAnswer {
  api: { id: string; name: string; baseUrl: string; updatedAt: string };
  operation: ApiOperation;
}

/** The query of one operation with its parameters and schemas (shared by the node's form and autocomplete). */
export function operationQuery(apiId: string, key: string) {
  return {
    queryKey: [...apisQueryKey, apiId, "operation", key],
    queryFn: () => api<OperationAnswer>(`/api/apis/${encodeURIComponent(apiId)}/operation?key=${encodeURIComponent(key)}`),
    enabled: !!apiId && !!key,
    staleTime: 60_000,
    retry: false,
  };
}

/** One operation with its parameters and schemas, for the node's form. */
export function useApiOperation(apiId: string, key: string) {
  return useQuery(operationQuery(apiId, key));
}

export function useImportApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { document: string; name?: string }) => api<ApiSummary>("/api/apis", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apisQueryKey }),
  });
}

export function useReimportApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, document }: { id: string; document: string }) => api<{ api: ApiSummary; report: ReimportReport }>(`/api/apis/${id}`, { method: "PUT", body: { document } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apisQueryKey }),
  });
}

export function useUpdateApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; name?: string; baseUrl?: string }) => api<ApiSummary>(`/api/apis/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apisQueryKey }),
  });
}

export function useDeleteApi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/apis/${id}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apisQueryKey }),
  });
}
