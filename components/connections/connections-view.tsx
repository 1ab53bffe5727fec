"use client";

import { AlertTriangle, Cable, FlaskConical, Loader2, MoreHorizontal, Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { hasRole } from "@/lib/auth/roles";
import { useMe } from "@/lib/client/access";
import { describeError } from "@/lib/client/api";
import { CONNECTION_TYPE_SPECS, type ConnectionView } from "@/lib/connections/types";
import { ConnectionDialog } from "./connection-dialog";
import { useConnections, useTestConnection } from "./connection-queries";
import { BreakerBadge, LastTestBadge } from "./connection-status";
import { DeleteConnectionDialog } from "./delete-connection-dialog";

/** The Connections page (editors and owners): every stored credential, its last test and its circuit breaker. */
export function ConnectionsView() {
  const me = useMe();
  if (me.data && !hasRole(me.data.workspace.role, "editor")) {
    return (
      <div className="mx-auto max-w-6xl p-8">
        <PageHeader title="Connections" description="Credentials for the systems your workflows call." />
        <EmptyState icon={Cable} title="Editors only" description="Connection details are visible to editors and owners of this workspace." />
      </div>
    );
  }
  return <ConnectionsList />;
}

function ConnectionsList() {
  const connections = useConnections();
  const [editing, setEditing] = useState<ConnectionView | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ConnectionView | null>(null);

  return (
    <div className="mx-auto max-w-6xl p-8">
      <PageHeader
        title="Connections"
        description="Credentials for the systems your workflows call. Secrets are encrypted and never shown again."
        actions={
          <Button onClick={() => setCreating(true)}>
            <Plus aria-hidden />
            New connection
          </Button>
        }
      />
      {connections.isPending ? (
        <div className="space-y-2 rounded-xl border bg-card p-4">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : connections.isError ? (
        <EmptyState
          icon={AlertTriangle}
          title="Couldn’t load connections"
          description={describeError(connections.error)}
          action={
            <Button variant="outline" onClick={() => connections.refetch()}>
              Try again
            </Button>
          }
        />
      ) : connections.data.length === 0 ? (
        <EmptyState
          icon={Cable}
          title="No connections yet"
          description="Add an API key, a token, an SMTP server or a message broker once, then pick it in any node that calls out."
          action={
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New connection
            </Button>
          }
        />
      ) : (
        <ConnectionsTable connections={connections.data} onEdit={setEditing} onDelete={setDeleting} />
      )}
      <ConnectionDialog open={creating || !!editing} connection={editing} onOpenChange={(open) => (open ? undefined : (setCreating(false), setEditing(null)))} />
      <DeleteConnectionDialog connection={deleting} onOpenChange={(open) => !open && setDeleting(null)} />
    </div>
  );
}

function ConnectionsTable({ connections, onEdit, onDelete }: { connections: ConnectionView[]; onEdit: (c: ConnectionView) => void; onDelete: (c: ConnectionView) => void }) {
  return (
    <div className="overflow-hidden rounded-xl border bg-card shadow-sm">
      <Table>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead className="pl-5">Name</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Last test</TableHead>
            <TableHead>Circuit</TableHead>
            <TableHead className="w-40 pr-5 text-right">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {connections.map((connection) => (
            <ConnectionRow key={connection.id} connection={connection} onEdit={onEdit} onDelete={onDelete} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function ConnectionRow({ connection, onEdit, onDelete }: { connection: ConnectionView; onEdit: (c: ConnectionView) => void; onDelete: (c: ConnectionView) => void }) {
  const spec = CONNECTION_TYPE_SPECS[connection.type];
  const Icon = spec.icon;
  const test = useTestConnection();
  const rate = connection.config.rateLimit as { requests: number; per: string } | undefined;
  const runTest = async () => {
    try {
      const result = await test.mutateAsync(connection.id);
      if (result.ok) toast.success(`“${connection.name}” works`, { description: result.message });
      else toast.error(`“${connection.name}” failed`, { description: result.message });
    } catch (error) {
      toast.error(describeError(error));
    }
  };
  return (
    <TableRow data-connection={connection.name}>
      <TableCell className="w-full max-w-0 min-w-48 pl-5">
        <div className="flex items-center gap-3">
          <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-primary/10 text-primary">
            <Icon className="size-4" aria-hidden />
          </span>
          <div className="min-w-0">
            <button type="button" onClick={() => onEdit(connection)} className="block max-w-full truncate rounded-sm text-left font-medium hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none" title={connection.name}>
              {connection.name}
            </button>
            <p className="truncate font-mono text-xs text-muted-foreground">
              {connection.id}
              {rate ? ` · ${rate.requests}/${rate.per === "minute" ? "min" : "s"}` : ""}
            </p>
          </div>
        </div>
      </TableCell>
      <TableCell className="whitespace-nowrap text-sm">{spec.label}</TableCell>
      <TableCell className="whitespace-nowrap">
        <LastTestBadge lastTest={connection.lastTest} />
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <BreakerBadge breaker={connection.breaker} />
      </TableCell>
      <TableCell className="pr-5 text-right whitespace-nowrap">
        <div className="flex items-center justify-end gap-1">
          <Button variant="outline" size="sm" onClick={runTest} disabled={test.isPending}>
            {test.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <FlaskConical aria-hidden />}
            Test
          </Button>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" aria-label={`Actions for ${connection.name}`}>
                <MoreHorizontal aria-hidden />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuItem onSelect={() => onEdit(connection)}>
                <Pencil aria-hidden />
                Edit
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem variant="destructive" onSelect={() => onDelete(connection)}>
                <Trash2 aria-hidden />
                Delete
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      </TableCell>
    </TableRow>
  );
}
