"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEntryView } from "@/lib/auth/audit";
import { api, describeError } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";

type Page = { entries: AuditEntryView[]; nextCursor: string | null };

/** The workspace's audit log, newest first, a page at a time (GET /api/audit, owners only). */
export function AuditView() {
  const log = useInfiniteQuery({
    queryKey: ["audit"],
    queryFn: ({ pageParam }) => api<Page>(`/api/audit?limit=100${pageParam ? `&cursor=${pageParam}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  if (log.isError) return <p className="text-sm text-destructive">{describeError(log.error)}</p>;
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto rounded-xl border bg-card shadow-sm">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>What</TableHead>
              <TableHead>Target</TableHead>
              <TableHead>Details</TableHead>
              <TableHead>IP</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell className="whitespace-nowrap">{formatDateTime(entry.at)}</TableCell>
                <TableCell>{entry.actor}</TableCell>
                <TableCell className="font-medium">{entry.action}</TableCell>
                <TableCell className="font-mono text-xs">{entry.target ?? ""}</TableCell>
                <TableCell className="max-w-72 truncate font-mono text-xs" title={entry.details ? JSON.stringify(entry.details) : undefined}>
                  {entry.details ? JSON.stringify(entry.details) : ""}
                </TableCell>
                <TableCell className="font-mono text-xs">{entry.ip ?? ""}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {log.hasNextPage ? (
        <Button variant="outline" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Load older entries
        </Button>
      ) : null}
    </div>
  );
}
