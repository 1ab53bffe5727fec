"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { CopyButton } from "@/components/editor/copy-button";
import { RelativeTime } from "@/components/runs/relative-time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ApiKeyView } from "@/lib/auth/api-keys";
import type { Role } from "@/lib/auth/roles";
import { api, describeError } from "@/lib/client/api";
import { RoleSelect } from "./role-select";

/** Owners: API keys of the workspace (`Authorization: Bearer <key>`); a new key is shown once. */
export function ApiKeysSettings() {
  const queryClient = useQueryClient();
  const nameId = useId();
  const keys = useQuery({ queryKey: ["api-keys"], queryFn: () => api<{ apiKeys: ApiKeyView[] }>("/api/api-keys") });
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [created, setCreated] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["api-keys"] });

  const create = useMutation({
    mutationFn: () => api<ApiKeyView & { key: string }>("/api/api-keys", { method: "POST", body: { name, role } }),
    onSuccess: (key) => {
      setCreated(key.key);
      setName("");
      refresh();
    },
    onError: (error) => toast.error(describeError(error)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/api-keys/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
    onError: (error) => toast.error(describeError(error)),
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">API keys</CardTitle>
        <CardDescription>For scripts and CI: send <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code> to the REST API. Only a hash is stored, so a key is shown once, when it is created.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor={nameId}>Name</Label>
            <Input id={nameId} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. deploy script" maxLength={100} className="w-56" />
          </div>
          <RoleSelect value={role} onChange={setRole} label="Role of the new key" />
          <Button type="submit" variant="outline" disabled={!name.trim() || create.isPending}>
            <KeyRound />
            Create key
          </Button>
        </form>
        {created ? (
          <div className="space-y-1.5 rounded-md border border-amber-500/40 bg-amber-500/10 p-3">
            <p className="text-sm font-medium">Copy the key now: it will not be shown again.</p>
            <div className="flex items-center gap-2">
              <Input readOnly value={created} aria-label="New API key" className="font-mono text-xs" />
              <CopyButton text={created} what="API key" />
            </div>
          </div>
        ) : null}
        {keys.isError ? <p className="text-sm text-destructive">{describeError(keys.error)}</p> : null}
        {keys.data?.apiKeys.length ? (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Key</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead className="w-24" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {keys.data.apiKeys.map((key) => (
                <TableRow key={key.id} className={key.revokedAt ? "text-muted-foreground" : undefined}>
                  <TableCell>{key.name}</TableCell>
                  <TableCell className="font-mono text-xs">{key.prefix}…</TableCell>
                  <TableCell>{key.role}</TableCell>
                  <TableCell>{key.lastUsedAt ? <RelativeTime iso={key.lastUsedAt} /> : "never"}</TableCell>
                  <TableCell className="text-right">
                    {key.revokedAt ? (
                      "revoked"
                    ) : (
                      <Button variant="ghost" size="sm" onClick={() => revoke.mutate(key.id)}>
                        Revoke
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </CardContent>
    </Card>
  );
}
