"use client";

import { useQuery } from "@tanstack/react-query";
import { hasRole, type Role } from "@/lib/auth/roles";
import { api } from "./api";

export interface Me {
  user: { id: string; email: string | null; name: string };
  via: "session" | "api-key";
  workspace: { id: string; role: Role };
  workspaces: { workspaceId: string; name: string; role: Role }[];
}

/** Who is signed in, in which workspace and with which role (GET /api/me). */
export function useMe() {
  return useQuery({ queryKey: ["me"], queryFn: () => api<Me>("/api/me"), staleTime: 60_000 });
}

/**
 * Whether the signed-in user's role allows something, for hiding controls: false until known,
 * so a viewer never sees an edit control flash. The server refuses regardless.
 */
export function useCan(minimum: Role): boolean {
  const me = useMe();
  return me.data ? hasRole(me.data.workspace.role, minimum) : false;
}
