"use client";

import { Repeat } from "lucide-react";
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { RunDetail } from "@/lib/client/types";
import { shortRunId } from "./run-status";

const linkClass = "rounded-sm font-mono text-xs underline underline-offset-4 hover:text-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none";

function itemRange({ first, count }: { first: number; count: number }): string {
  return count === 1 ? `Item ${first}` : `Items ${first}–${first + count - 1}`;
}

/** A large loop's chunk runs (each item's steps are in its chunk's history), or, on a chunk, the run it belongs to. */
export function RunLoopChunks({ run }: { run: RunDetail }) {
  if (run.chunkOf) {
    return (
      <p className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-4 py-3 text-sm" data-testid="chunk-of">
        <Repeat className="size-4 text-muted-foreground" aria-hidden />
        {itemRange(run.chunkOf)} of the loop “{run.chunkOf.splitId}” in
        <Link href={`/runs/${run.chunkOf.parentRunId}`} className={linkClass}>
          run {shortRunId(run.chunkOf.parentRunId)}
        </Link>
        <span className="text-muted-foreground">· replay or rerun that run to run these items again</span>
      </p>
    );
  }
  if (!run.chunks.length) return null;
  return (
    <Card className="overflow-hidden">
      <CardHeader className="border-b pb-4">
        <CardTitle className="text-base">Loop chunks</CardTitle>
        <CardDescription>Loops too large for one run ran their items in these runs; each item&apos;s steps are in its chunk&apos;s history.</CardDescription>
      </CardHeader>
      <ol aria-label="Loop chunks" className="max-h-80 divide-y overflow-y-auto text-sm">
        {run.chunks.map((chunk) => (
          <li key={chunk.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-2">
            <span className="font-medium">
              {itemRange(chunk)} of “{chunk.splitId}”
            </span>
            <Link href={`/runs/${chunk.id}`} className={linkClass}>
              run {shortRunId(chunk.id)}
            </Link>
            <span className="ml-auto">
              <StatusBadge status={chunk.status} />
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
