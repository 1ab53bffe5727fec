"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId } from "react";
import { toast } from "sonner";
import { useConnections } from "@/components/connections/connection-queries";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan } from "@/lib/client/access";
import { api, describeError } from "@/lib/client/api";
import type { AppSettings } from "@/lib/settings";

const OFF = "off";

/** The model connection behind "Describe it", "Suggest mapping" and "Explain this failure"; none turns them off. */
export function AiSettings() {
  const queryClient = useQueryClient();
  const id = useId();
  const owner = useCan("owner");
  const settings = useQuery({ queryKey: ["settings"], queryFn: () => api<{ settings: AppSettings; defaults: AppSettings }>("/api/settings") });
  const connections = useConnections();
  const models = (connections.data ?? []).filter((c) => c.type === "aiModel");
  const save = useMutation({
    mutationFn: (aiConnectionId: string | null) => api<{ settings: AppSettings; defaults: AppSettings }>("/api/settings", { method: "PUT", body: { aiConnectionId } }),
    onSuccess: (data) => {
      queryClient.setQueryData(["settings"], data);
      toast.success(data.settings.aiConnectionId ? "AI assistance is on" : "AI assistance is off");
    },
    onError: (error) => toast.error(describeError(error)),
  });
  const value = settings.data?.settings.aiConnectionId ?? OFF;

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">AI assistance</CardTitle>
        <CardDescription>
          “Describe it” in the new-workflow dialog, “Explain this failure” on failed runs and mapping suggestions use this model. Prompts carry workflow data with stored secrets masked;
          nothing is sent while it is off.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-1.5">
        {settings.isPending || connections.isPending ? (
          <Skeleton className="h-9 w-72" />
        ) : (
          <>
            <Label htmlFor={id}>Model connection</Label>
            <Select value={value} onValueChange={(next) => save.mutate(next === OFF ? null : next)} disabled={!owner || save.isPending}>
              <SelectTrigger id={id} className="w-72">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={OFF}>Off</SelectItem>
                {models.map((connection) => (
                  <SelectItem key={connection.id} value={connection.id}>
                    {connection.name} · {String(connection.config.model ?? "")}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <p className="text-xs text-muted-foreground">
              {models.length ? "Only owners change it." : "Add an AI model connection (OpenAI-compatible, Azure OpenAI or Anthropic) on the "}
              {!models.length && (
                <Link href="/connections" className="underline underline-offset-4">
                  Connections page
                </Link>
              )}
              {!models.length && "."}
            </p>
          </>
        )}
      </CardContent>
    </Card>
  );
}
