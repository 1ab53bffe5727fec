"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Check, ChevronsUpDown, LogOut, Plus } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useMe } from "@/lib/client/access";
import { api, describeError } from "@/lib/client/api";
import { NewWorkspaceDialog } from "./new-workspace-dialog";

/** The signed-in user, their workspace and role, switching workspaces, and signing out. */
export function AccountMenu() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  if (!me.data) return null;
  const current = me.data.workspaces.find((w) => w.workspaceId === me.data.workspace.id);

  async function switchTo(workspaceId: string) {
    try {
      await api("/api/workspaces/active", { method: "POST", body: { workspaceId } });
      queryClient.clear();
      window.location.assign("/workflows");
    } catch (error) {
      toast.error(describeError(error));
    }
  }

  async function signOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    window.location.assign("/sign-in");
  }

  return (
    <>
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="h-auto w-full justify-between px-2 py-1.5 text-left" data-testid="account-menu">
          <span className="min-w-0">
            <span className="block truncate text-sm font-medium">{current?.name ?? "Workspace"}</span>
            <span className="block truncate text-xs text-muted-foreground">
              {me.data.user.email} · <span data-testid="current-role">{me.data.workspace.role}</span>
            </span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-64">
        <DropdownMenuLabel>Workspaces</DropdownMenuLabel>
        {me.data.workspaces.map((w) => (
          <DropdownMenuItem key={w.workspaceId} onSelect={() => void switchTo(w.workspaceId)}>
            <span className="min-w-0 flex-1 truncate">{w.name}</span>
            <span className="text-xs text-muted-foreground">{w.role}</span>
            {w.workspaceId === me.data.workspace.id ? <Check className="size-4" /> : null}
          </DropdownMenuItem>
        ))}
        <DropdownMenuItem onSelect={() => setCreating(true)}>
          <Plus className="size-4" />
          New workspace
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void signOut()}>
          <LogOut className="size-4" />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
    <NewWorkspaceDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
