"use client";

import { AlertTriangle, Cable, FlaskConical, LogIn, Loader2, MoreHorizontal, Pencil, Plus, Trash2 } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
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
import { connectors } from "@/lib/connectors";
import type { ApiSummary } from "@/lib/openapi/model";
import { useImportedApis } from "@/components/apis/api-queries";
import { ImportedApisSection } from "@/components/apis/imported-apis-section";
import { ConnectionDialog, type ConnectionDraft } from "./connection-dialog";
import { useAuthorizeConnection, useConnections, useTestConnection } from "./connection-queries";
import { AuthorizationBadge, BreakerBadge, LastTestBadge } from "./connection-status";
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

/** Says how a sign-in the app sent back here went (`?connected=<id>` or `?oauthError=<message>`), once. */
function useSignInOutcome(connections: ConnectionView[] | undefined) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const connected = params.get("connected");
  const failed = params.get("oauthError");
  useEffect(() => {
    if (!failed && !(connected && connections)) return;
    // One toast per outcome: the effect may run again (the connections arrive) before the URL is replaced.
    if (failed) toast.error("Could not connect", { id: "sign-in-outcome", description: failed });
    else toast.success(`Connected “${connections?.find((c) => c.id === connected)?.name ?? connected}”`, { id: "sign-in-outcome" });
    router.replace(pathname);
  }, [connected, failed, connections, router, pathname]);
}

function ReconnectAlert({ connections }: { connections: ConnectionView[] }) {
  const stale = connections.filter((c) => c.authorization?.state === "needs_reconnect");
  if (!stale.length) return null;
  return (
    <div role="alert" className="mb-4 flex items-start gap-3 rounded-xl border border-destructive/40 bg-destructive/5 p-4 text-sm">
      <AlertTriangle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
      <p>
        <span className="font-medium">{stale.length === 1 ? `“${stale[0].name}” needs reconnecting.` : `${stale.length} connections need reconnecting.`}</span> The app refused to renew access, so steps that use{" "}
        {stale.length === 1 ? "it" : "them"} fail until someone signs in again with Reconnect.
      </p>
    </div>
  );
}

/** The connection form filled for an imported API (`?new=api:<id>`): its first security scheme. */
function apiDraft(api: ApiSummary | undefined): ConnectionDraft | null {
  const auth = api?.auth[0];
  if (!api || !auth) return null;
  return { name: api.name, type: auth.type, config: { ...auth.config }, help: `${api.name}: ${api.auth.map((a) => a.description).join(" Or: ")}` };
}

/** The connection form filled for an app (`?new=<connector id>`, from "New connection" on an app node). */
function appDraft(app: string | null): ConnectionDraft | null {
  const connector = app ? connectors.find((c) => c.id === app) : undefined;
  const preset = connector?.auth.preset;
  if (!connector || !preset) return null;
  const config: Record<string, string> = { ...preset.config };
  if (connector.testPath && typeof connector.baseUrl === "string") config.testUrl = `${connector.baseUrl}${connector.testPath}`;
  return { name: connector.name, type: preset.type, config, help: connector.auth.help, rateLimit: connector.rateLimit };
}

function ConnectionsList() {
  const connections = useConnections();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [editing, setEditing] = useState<ConnectionView | null>(null);
  const [draft, setDraft] = useState(() => appDraft(params.get("new")));
  const [creating, setCreating] = useState(() => draft !== null);
  const apiParam = params.get("new")?.startsWith("api:") ? params.get("new")!.slice(4) : null;
  const apis = useImportedApis({ enabled: !!apiParam });
  const [apiDraftShown, setApiDraftShown] = useState(false);
  if (apiParam && apis.data && !apiDraftShown) {
    // Once the API is loaded: React's "adjust state while rendering" pattern, no effect needed.
    setApiDraftShown(true);
    const filled = apiDraft(apis.data.find((a) => a.id === apiParam));
    setDraft(filled);
    setCreating(true);
  }
  const close = () => {
    setCreating(false);
    setEditing(null);
    if (draft || apiParam) {
      setDraft(null);
      router.replace(pathname);
    }
  };
  const [deleting, setDeleting] = useState<ConnectionView | null>(null);
  useSignInOutcome(connections.data);

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
        <>
          <ReconnectAlert connections={connections.data} />
          <ConnectionsTable connections={connections.data} onEdit={setEditing} onDelete={setDeleting} />
        </>
      )}
      <ImportedApisSection />
      <ConnectionDialog open={creating || !!editing} connection={editing} draft={draft} onOpenChange={(open) => (open ? undefined : close())} />
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
  const authorize = useAuthorizeConnection();
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
      <TableCell className="whitespace-nowrap text-sm">
        <div className="flex flex-col items-start gap-1">
          {spec.label}
          {connection.authorization && <AuthorizationBadge authorization={connection.authorization} />}
        </div>
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <LastTestBadge lastTest={connection.lastTest} />
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <BreakerBadge breaker={connection.breaker} />
      </TableCell>
      <TableCell className="pr-5 text-right whitespace-nowrap">
        <div className="flex items-center justify-end gap-1">
          {connection.authorization && connection.authorization.state !== "connected" && (
            <Button size="sm" onClick={() => authorize.mutate(connection.id, { onError: (error) => toast.error(describeError(error)) })} disabled={authorize.isPending}>
              {authorize.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <LogIn aria-hidden />}
              {connection.authorization.state === "needs_reconnect" ? "Reconnect" : "Connect"}
            </Button>
          )}
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
              {connection.authorization?.state === "connected" && (
                <DropdownMenuItem onSelect={() => authorize.mutate(connection.id, { onError: (error) => toast.error(describeError(error)) })}>
                  <LogIn aria-hidden />
                  Sign in again
                </DropdownMenuItem>
              )}
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
