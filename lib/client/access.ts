"use client";

import { useQuery } from "@tanstack/react-query";
import type { Me } from "@/lib/auth/me";
import { hasRole, type Role } from "@/lib/auth/roles";
import { api } from "./api";

export const ME_QUERY_KEY = ["me"] as const;

/** Who is signed in, in which workspace and with which role (GET /api/me; the first render has it from the page). */
export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: () => api<Me>("/api/me"), staleTime: 60_000 });
}

/**
 * Whether the signed-in user's role allows something, for hiding controls: false until known,
 * so a viewer never sees an edit control flash. The server refuses regardless.
 */
export function useCan(minimum: Role): boolean {
  const me = useMe();
  return me.data ? hasRole(me.data.workspace.role, minimum) : false;
}
