"use client";

import { ArrowLeft, Inbox, SearchX, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useWorkflowQuery } from "@/components/editor/workflow-query";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { describeError } from "@/lib/client/api";
import { formatRelative } from "@/lib/client/format";
import { DELIVERY_OUTCOMES, type DeliveryOutcome } from "@/lib/triggers/webhook/output";
import { cn } from "@/lib/utils";
import { DeliveryDetail } from "./delivery-detail";
import { OutcomeBadge } from "./outcome-badge";
import { useDeliveries } from "./queries";
import type { Delivery } from "@/lib/client/types";
import type { OutcomeFilter } from "./types";

const OUTCOME_LABELS: Record<DeliveryOutcome, string> = { accepted: "Accepted", duplicate: "Duplicates", ignored: "Ignored", rejected: "Rejected" };
const FILTERS: { value: OutcomeFilter; label: string }[] = [{ value: "all", label: "All" }, ...DELIVERY_OUTCOMES.map((value) => ({ value, label: OUTCOME_LABELS[value] }))];

function summaryOf(delivery: Delivery): string {
  if (delivery.reason) return delivery.reason;
  const body = delivery.body ? delivery.body.replace(/\s+/g, " ").slice(0, 120) : "Empty body";
  return body;
}

/** A workflow's webhook deliveries: the list (live), and the selected one's request, outcome and run. */
export function DeliveriesView({ workflowId }: { workflowId: string }) {
  const workflow = useWorkflowQuery(workflowId);
  const [outcome, setOutcome] = useState<OutcomeFilter>("all");
  const list = useDeliveries(workflowId, outcome);
  const deliveries = list.data?.pages.flatMap((p) => p.deliveries) ?? [];
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = deliveries.find((d) => d.id === selectedId) ?? deliveries[0] ?? null;

  useEffect(() => {
    document.title = `Deliveries · ${workflow.data?.name ?? "Workflow"} · Switchboard`;
  }, [workflow.data?.name]);

  return (
    <div className="mx-auto flex h-full max-w-7xl flex-col p-8">
      <div className="flex flex-wrap items-start justify-between gap-4 pb-5">
        <div className="min-w-0 space-y-1">
          <Link href={`/workflows/${workflowId}`} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
            <ArrowLeft className="size-3.5" />
            {workflow.data?.name ?? "Back to the workflow"}
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight">Deliveries</h1>
          <p className="text-sm text-muted-foreground">Every call to this workflow&apos;s webhook URL: accepted, duplicate, ignored or rejected, with its headers and body.</p>
        </div>
        <Tabs value={outcome} onValueChange={(v) => setOutcome(v as OutcomeFilter)}>
          <TabsList aria-label="Filter by outcome">
            {FILTERS.map((f) => (
              <TabsTrigger key={f.value} value={f.value}>
                {f.label}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
      </div>

      {list.isPending ? (
        <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-4">
          <div className="space-y-2 rounded-xl border bg-card p-3">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-12 w-full" />
            ))}
          </div>
          <Skeleton className="h-96 rounded-xl" />
        </div>
      ) : list.isError && !deliveries.length ? (
        <EmptyState
          icon={TriangleAlert}
          title="Could not load deliveries"
          description={describeError(list.error)}
          action={
            <Button variant="outline" onClick={() => list.refetch()}>
              Try again
            </Button>
          }
        />
      ) : !deliveries.length ? (
        outcome === "all" ? (
          <EmptyState
            icon={Inbox}
            title="No deliveries yet"
            description="Calls to the webhook URL show up here as they arrive, including the ones that were refused and why."
            action={
              <Button asChild variant="outline">
                <Link href={`/workflows/${workflowId}`}>Open the editor for the URL</Link>
              </Button>
            }
          />
        ) : (
          <EmptyState icon={SearchX} title={`No ${FILTERS.find((f) => f.value === outcome)?.label.toLowerCase()} deliveries`} description="Try another filter." action={<Button variant="outline" onClick={() => setOutcome("all")}>Show all</Button>} />
        )
      ) : (
        <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-4">
          <div className="flex min-h-0 flex-col overflow-hidden rounded-xl border bg-card shadow-sm">
            <ul className="min-h-0 flex-1 divide-y overflow-y-auto" aria-label="Deliveries">
              {deliveries.map((delivery) => {
                const active = delivery.id === selected?.id;
                return (
                  <li key={delivery.id}>
                    <button
                      type="button"
                      onClick={() => setSelectedId(delivery.id)}
                      aria-current={active ? "true" : undefined}
                      className={cn(
                        "block w-full space-y-1 px-4 py-2.5 text-left transition-colors hover:bg-accent/60 focus-visible:bg-accent focus-visible:outline-none",
                        active && "bg-accent",
                      )}
                    >
                      <span className="flex items-center gap-2.5">
                        <OutcomeBadge outcome={delivery.outcome} />
                        <span className="font-mono text-xs text-muted-foreground">
                          {delivery.method} · {delivery.status}
                        </span>
                        <time dateTime={delivery.receivedAt} className="ml-auto shrink-0 text-xs text-muted-foreground">
                          {formatRelative(delivery.receivedAt)}
                        </time>
                      </span>
                      <span className="block truncate text-sm text-muted-foreground">{summaryOf(delivery)}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {list.hasNextPage && (
              <div className="border-t p-2">
                <Button variant="ghost" size="sm" className="w-full" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                  {list.isFetchingNextPage ? "Loading…" : "Load older deliveries"}
                </Button>
              </div>
            )}
          </div>
          <div className="min-h-0 overflow-y-auto rounded-xl border bg-card p-5 shadow-sm">{selected && <DeliveryDetail key={selected.id} workflowId={workflowId} delivery={selected} />}</div>
        </div>
      )}
    </div>
  );
}
