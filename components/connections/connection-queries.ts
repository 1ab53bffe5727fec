"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { ConnectionTestResult, ConnectionView } from "@/lib/connections/types";

export const connectionsQueryKey = ["connections"] as const;

export interface ConnectionInput {
  name: string;
  type: string;
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

/** Every connection with its last test and breaker state; polled while a breaker is not closed. */
export function useConnections(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: connectionsQueryKey,
    queryFn: async () => (await api<{ connections: ConnectionView[] }>("/api/connections")).connections,
    refetchInterval: (query) => (query.state.data?.some((c) => c.breaker.state !== "closed") ? 5000 : 30_000),
    staleTime: 5000,
    enabled: options.enabled ?? true,
  });
}

export function useSaveConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ConnectionInput }) =>
      id ? api<ConnectionView>(`/api/connections/${id}`, { method: "PUT", body: input }) : api<ConnectionView>("/api/connections", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectionsQueryKey }),
  });
}

export function useDeleteConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/connections/${id}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: connectionsQueryKey }),
  });
}

export function useTestConnection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ConnectionTestResult>(`/api/connections/${id}/test`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionsQueryKey }),
  });
}

/** The circuit breaker of the connection a node uses (for the canvas badge); undefined when it has none. */
export function useConnectionBreaker(connectionId: unknown) {
  const id = typeof connectionId === "string" && connectionId && !connectionId.includes("{{") ? connectionId : undefined;
  const connections = useConnections({ enabled: !!id });
  const connection = id ? connections.data?.find((c) => c.id === id) : undefined;
  return connection ? { name: connection.name, breaker: connection.breaker } : undefined;
}

/** Sends the browser to the app's sign-in page of an OAuth2 sign-in connection; the app sends it back to the Connections page. */
export function useAuthorizeConnection() {
  return useMutation({
    mutationFn: (id: string) => api<{ url: string }>(`/api/connections/${id}/authorize`, { method: "POST" }),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}
