"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link2, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { CopyButton } from "@/components/editor/copy-button";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Role } from "@/lib/auth/roles";
import { useMe } from "@/lib/client/access";
import { api, describeError } from "@/lib/client/api";
import { RoleSelect } from "./role-select";

interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** Owners: the workspace's members, their roles, and invitation links. */
export function MembersSettings() {
  const queryClient = useQueryClient();
  const me = useMe();
  const members = useQuery({ queryKey: ["members"], queryFn: () => api<{ members: Member[] }>("/api/members") });
  const [inviteRole, setInviteRole] = useState<Role>("editor");
  const [link, setLink] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["members"] });

  const invite = useMutation({
    mutationFn: () => api<{ url: string }>("/api/invitations", { method: "POST", body: { role: inviteRole } }),
    onSuccess: (data) => setLink(data.url),
    onError: (error) => toast.error(describeError(error)),
  });
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => api(`/api/members/${userId}`, { method: "PATCH", body: { role } }),
    onSuccess: refresh,
    onError: (error) => toast.error(describeError(error)),
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api(`/api/members/${userId}`, { method: "DELETE" }),
    onSuccess: refresh,
    onError: (error) => toast.error(describeError(error)),
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Members</CardTitle>
        <CardDescription>Who works in this workspace. Invite people with a link: it works once and for 7 days.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {members.isError ? <p className="text-sm text-destructive">{describeError(members.error)}</p> : null}
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>E-mail</TableHead>
              <TableHead>Role</TableHead>
              <TableHead className="w-10" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.data?.members.map((member) => (
              <TableRow key={member.userId}>
                <TableCell>{member.email}</TableCell>
                <TableCell>
                  <RoleSelect value={member.role} label={`Role of ${member.email}`} onChange={(role) => changeRole.mutate({ userId: member.userId, role })} />
                </TableCell>
                <TableCell>
                  {member.userId !== me.data?.user.id ? (
                    <Button variant="ghost" size="icon-sm" aria-label={`Remove ${member.email}`} onClick={() => remove.mutate(member.userId)}>
                      <Trash2 />
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <div className="flex flex-wrap items-center gap-2 border-t pt-4">
          <span className="text-sm font-medium">Invite as</span>
          <RoleSelect value={inviteRole} onChange={setInviteRole} label="Role of the invited member" />
          <Button variant="outline" onClick={() => invite.mutate()} disabled={invite.isPending}>
            <Link2 />
            Create invitation link
          </Button>
        </div>
        {link ? (
          <div className="flex items-center gap-2">
            <Input readOnly value={link} aria-label="Invitation link" className="font-mono text-xs" />
            <CopyButton text={link} what="invitation link" />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
