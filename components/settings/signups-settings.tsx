"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { toast } from "sonner";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { api, describeError } from "@/lib/client/api";

/** Owners of the first workspace: whether anyone may create an account, or only people with an invitation link. */
export function SignupsSettings() {
  const id = useId();
  const queryClient = useQueryClient();
  const signups = useQuery({ queryKey: ["signups"], queryFn: () => api<{ open: boolean }>("/api/settings/signups") });
  const change = useMutation({
    mutationFn: (open: boolean) => api<{ open: boolean }>("/api/settings/signups", { method: "PUT", body: { open } }),
    onSuccess: (data) => queryClient.setQueryData(["signups"], data),
    onError: (error) => toast.error(describeError(error)),
  });
  return (
    <Card>
      <CardHeader className="flex-row items-center justify-between gap-4">
        <div className="space-y-1.5">
          <CardTitle className="text-base">
            <label htmlFor={id}>Open sign-up</label>
          </CardTitle>
          <CardDescription>When off, new accounts can only be created with an invitation link (or <code className="font-mono text-xs">npm run cli -- create-user</code>).</CardDescription>
        </div>
        <Switch id={id} checked={signups.data?.open ?? false} disabled={!signups.data || change.isPending} onCheckedChange={(open) => change.mutate(open)} />
      </CardHeader>
    </Card>
  );
}
