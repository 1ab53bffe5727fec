"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Activity, CheckCircle2, Clock, Inbox, Sparkles, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatUsd } from "@/lib/ai/usage";
import { api, describeError } from "@/lib/client/api";
import { formatRunDuration } from "@/lib/client/format";
import type { RunStats, StatsPeriod } from "@/lib/runs/stats";
import { cn } from "@/lib/utils";
import { AnomaliesCard } from "./anomalies-card";

const PERIODS: { value: StatsPeriod; label: string }[] = [
  { value: "1h", label: "1 hour" },
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
];

const COLORS = { completed: "var(--success)", failed: "var(--destructive)", other: "var(--muted-foreground)", p50: "var(--primary)", p95: "color-mix(in oklab, var(--primary) 45%, transparent)" };

/** Refreshes while open, so the numbers follow the runs. */
const POLL_MS = 15_000;

function usePeriod(): [StatsPeriod, (period: StatsPeriod) => void] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const value = searchParams.get("period");
  const period = PERIODS.some((p) => p.value === value) ? (value as StatsPeriod) : "24h";
  return [period, (next) => router.replace(next === "24h" ? pathname : `${pathname}?period=${next}`, { scroll: false })];
}

/** The health of every workflow over a period: throughput, success rate, durations, top errors and the failed-runs queue. */
export function DashboardView() {
  const [period, setPeriod] = usePeriod();
  const stats = useQuery({
    queryKey: ["runs", "stats", period],
    queryFn: () => api<RunStats>(`/api/runs/stats?period=${period}`),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
  });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="radiogroup" aria-label="Period" className="inline-flex h-9 items-center rounded-lg bg-muted p-1 text-muted-foreground">
          {PERIODS.map((p) => (
            <button
              key={p.value}
              type="button"
              role="radio"
              aria-checked={period === p.value}
              onClick={() => setPeriod(p.value)}
              className={cn(
                "rounded-md px-3 py-1 text-sm font-medium transition-all focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                period === p.value ? "bg-card text-foreground shadow-sm" : "hover:text-foreground",
              )}
            >
              {p.label}
            </button>
          ))}
        </div>
        {stats.data && <p className="text-xs text-muted-foreground">Runs started since {new Date(stats.data.from).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}</p>}
      </div>

      {stats.isPending ? (
        <DashboardSkeleton />
      ) : stats.isError ? (
        <EmptyState
          icon={TriangleAlert}
          title="Could not load the dashboard"
          description={describeError(stats.error)}
          action={
            <Button variant="outline" onClick={() => stats.refetch()}>
              Try again
            </Button>
          }
        />
      ) : (
        <div className={cn("space-y-6 transition-opacity", stats.isPlaceholderData && "opacity-60")}>
          <Summary stats={stats.data} />
          <AnomaliesCard stats={stats.data} />
          <ThroughputChart stats={stats.data} />
          <div className="grid gap-6 lg:grid-cols-2">
            <DurationChart stats={stats.data} />
            <TopErrors stats={stats.data} />
          </div>
          <WorkflowTable stats={stats.data} />
        </div>
      )}
    </div>
  );
}

function Summary({ stats }: { stats: RunStats }) {
  const { totals } = stats;
  const rate = totals.successRate;
  return (
    <dl className={cn("grid grid-cols-2 gap-4", stats.modelUsage ? "lg:grid-cols-5" : "lg:grid-cols-4")}>
      <Metric icon={Activity} label="Runs" value={totals.runs.toLocaleString()} hint={`${formatRate(totals.runs / PERIOD_MINUTES[stats.period])} per minute${totals.inProgress ? ` · ${totals.inProgress} in progress` : ""}`} />
      <Metric
        icon={CheckCircle2}
        label="Success rate"
        value={rate === null ? "—" : formatPercent(rate)}
        hint={`${totals.completed.toLocaleString()} completed · ${totals.failed.toLocaleString()} failed`}
        tone={rate !== null && rate < 0.95 ? "bad" : "good"}
      />
      <Metric
        icon={Clock}
        label="Duration p50 / p95"
        value={totals.p50Ms === null ? "—" : formatRunDuration(totals.p50Ms)}
        suffix={totals.p95Ms === null ? undefined : `/ ${formatRunDuration(totals.p95Ms)}`}
        hint="of completed runs"
      />
      <Metric
        icon={Inbox}
        label="Failed, awaiting replay"
        value={stats.awaitingReplay.toLocaleString()}
        hint={
          stats.awaitingReplay ? (
            <Link href="/runs/failed" className="text-primary underline-offset-4 hover:underline">
              Review and replay →
            </Link>
          ) : (
            "nothing to replay"
          )
        }
        tone={stats.awaitingReplay ? "bad" : "good"}
      />
      {stats.modelUsage && (
        <Metric
          icon={Sparkles}
          label="AI usage"
          value={(stats.modelUsage.inputTokens + stats.modelUsage.outputTokens).toLocaleString()}
          suffix="tokens"
          hint={`${stats.modelUsage.calls.toLocaleString()} model ${stats.modelUsage.calls === 1 ? "call" : "calls"}${stats.modelUsage.costUsd === null ? "" : ` · ${formatUsd(stats.modelUsage.costUsd)}`}`}
        />
      )}
    </dl>
  );
}

const PERIOD_MINUTES: Record<StatsPeriod, number> = { "1h": 60, "24h": 1440, "7d": 10080, "30d": 43200 };

function Metric({ icon: Icon, label, value, suffix, hint, tone }: { icon: typeof Activity; label: string; value: string; suffix?: string; hint: React.ReactNode; tone?: "good" | "bad" }) {
  return (
    <div className="rounded-xl border bg-card p-4 shadow-sm">
      <dt className="flex items-center gap-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        <Icon className="size-3.5" aria-hidden />
        {label}
      </dt>
      <dd className={cn("mt-1.5 text-2xl font-semibold whitespace-nowrap tabular-nums", tone === "bad" && "text-destructive")}>
        {value}
        {suffix && <span className="ml-1.5 text-base font-medium text-muted-foreground">{suffix}</span>}
      </dd>
      <dd className="mt-0.5 text-xs text-muted-foreground">{hint}</dd>
    </div>
  );
}

function tickTime(iso: string, period: StatsPeriod): string {
  const date = new Date(iso);
  if (period === "1h" || period === "24h") return date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return date.toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

function ThroughputChart({ stats }: { stats: RunStats }) {
  const minutes = stats.bucketSeconds / 60;
  const data = stats.series.map((b) => ({ t: b.t, completed: b.completed / minutes, failed: b.failed / minutes, other: b.other / minutes, counts: b }));
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Runs per minute</CardTitle>
        <CardDescription>
          Runs started, averaged over {formatRunDuration(stats.bucketSeconds * 1000)} buckets, by how they ended.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <div className="h-64" role="img" aria-label={`Runs per minute: ${stats.totals.runs} runs in the period`} data-testid="throughput-chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -12 }} barCategoryGap={1}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis dataKey="t" tickFormatter={(t: string) => tickTime(t, stats.period)} tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={32} />
              <YAxis tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={false} allowDecimals tickFormatter={(v: number) => (v === 0 ? "0" : Number(v.toFixed(v >= 10 ? 0 : 2)).toString())} />
              <Tooltip content={<ThroughputTooltip minutes={minutes} />} cursor={{ fill: "var(--muted)" }} />
              <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="completed" name="Completed" stackId="runs" fill={COLORS.completed} isAnimationActive={false} />
              <Bar dataKey="failed" name="Failed" stackId="runs" fill={COLORS.failed} isAnimationActive={false} />
              <Bar dataKey="other" name="Running, queued, cancelled" stackId="runs" fill={COLORS.other} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </CardContent>
    </Card>
  );
}

function ThroughputTooltip({ active, payload, minutes }: { active?: boolean; payload?: { payload: { t: string; counts: { completed: number; failed: number; other: number } } }[]; minutes: number }) {
  if (!active || !payload?.length) return null;
  const { t, counts } = payload[0].payload;
  const total = counts.completed + counts.failed + counts.other;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{new Date(t).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}</p>
      <p className="text-muted-foreground">
        {total} runs · {(total / minutes).toFixed(2)} per minute
      </p>
      <p>
        <span className="text-success">{counts.completed} completed</span> · <span className="text-destructive">{counts.failed} failed</span> · {counts.other} other
      </p>
    </div>
  );
}

function DurationChart({ stats }: { stats: RunStats }) {
  const data = stats.workflows.filter((w) => w.p50Ms !== null).slice(0, 8);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Duration by workflow</CardTitle>
        <CardDescription>p50 and p95 of completed runs (busiest workflows first).</CardDescription>
      </CardHeader>
      <CardContent>
        {data.length ? (
          <div className="h-64" role="img" aria-label="Run duration p50 and p95 by workflow" data-testid="duration-chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }} barGap={2}>
                <CartesianGrid horizontal={false} stroke="var(--border)" />
                <XAxis type="number" tickFormatter={(v: number) => formatRunDuration(v)} tick={{ fontSize: 11, fill: "var(--muted-foreground)" }} tickLine={false} axisLine={false} />
                <YAxis type="category" dataKey="workflowName" width={120} tick={{ fontSize: 11, fill: "var(--foreground)" }} tickLine={false} axisLine={false} tickFormatter={(name: string) => (name.length > 18 ? `${name.slice(0, 17)}…` : name)} />
                <Tooltip
                  formatter={(value, name) => [formatRunDuration(Number(value)), name]}
                  contentStyle={{ background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 12, color: "var(--popover-foreground)" }}
                  cursor={{ fill: "var(--muted)" }}
                />
                <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="p50Ms" name="p50" fill={COLORS.p50} radius={[0, 3, 3, 0]} maxBarSize={14} isAnimationActive={false} />
                <Bar dataKey="p95Ms" name="p95" fill={COLORS.p95} radius={[0, 3, 3, 0]} maxBarSize={14} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        ) : (
          <p className="py-16 text-center text-sm text-muted-foreground">No completed runs in this period.</p>
        )}
      </CardContent>
    </Card>
  );
}

function TopErrors({ stats }: { stats: RunStats }) {
  const max = Math.max(1, ...stats.topErrors.map((e) => e.count));
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Top errors</CardTitle>
        <CardDescription>Why runs failed in this period, most frequent first.</CardDescription>
      </CardHeader>
      <CardContent>
        {stats.topErrors.length ? (
          <ol aria-label="Top errors" className="space-y-3">
            {stats.topErrors.map((error) => (
              <li key={`${error.workflowId}|${error.nodeId}|${error.message}`} className="space-y-1">
                <div className="flex items-baseline justify-between gap-3 text-xs">
                  <Link href={`/runs?status=failed&workflowId=${error.workflowId}`} className="truncate font-medium underline-offset-4 hover:underline">
                    {error.workflowName}
                    {error.nodeId && <span className="font-mono text-muted-foreground"> · {error.nodeId}</span>}
                  </Link>
                  <span className="shrink-0 font-semibold tabular-nums">{error.count}</span>
                </div>
                <div className="h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden>
                  <div className="h-full rounded-full bg-destructive/70" style={{ width: `${(error.count / max) * 100}%` }} />
                </div>
                <p className="truncate font-mono text-xs text-destructive" title={error.message}>
                  {error.message}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p className="py-16 text-center text-sm text-muted-foreground">No failed runs in this period.</p>
        )}
      </CardContent>
    </Card>
  );
}

function WorkflowTable({ stats }: { stats: RunStats }) {
  return (
    <Card className="overflow-hidden">
      <CardHeader className="border-b pb-4">
        <CardTitle className="text-base">Workflows</CardTitle>
        <CardDescription>Every workflow that ran in the period.</CardDescription>
      </CardHeader>
      {stats.workflows.length ? (
        <Table>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead className="pl-5">Workflow</TableHead>
              <TableHead className="w-24 text-right">Runs</TableHead>
              <TableHead className="w-56">Success rate</TableHead>
              <TableHead className="w-24 text-right">p50</TableHead>
              <TableHead className="w-24 text-right">p95</TableHead>
              <TableHead className="w-24 pr-5 text-right">Failed</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {stats.workflows.map((w) => (
              <TableRow key={w.workflowId}>
                <TableCell className="max-w-0 pl-5 font-medium">
                  <Link href={`/runs?workflowId=${w.workflowId}`} className="block truncate underline-offset-4 hover:underline">
                    {w.workflowName}
                  </Link>
                </TableCell>
                <TableCell className="text-right tabular-nums">{w.runs.toLocaleString()}</TableCell>
                <TableCell>
                  {w.successRate === null ? (
                    <span className="text-muted-foreground">—</span>
                  ) : (
                    <span className="flex items-center gap-2">
                      <span className="h-1.5 flex-1 overflow-hidden rounded-full bg-destructive/25" aria-hidden>
                        <span className="block h-full rounded-full bg-success" style={{ width: `${w.successRate * 100}%` }} />
                      </span>
                      <span className="w-12 text-right text-xs tabular-nums">{formatPercent(w.successRate)}</span>
                    </span>
                  )}
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatRunDuration(w.p50Ms)}</TableCell>
                <TableCell className="text-right tabular-nums">{formatRunDuration(w.p95Ms)}</TableCell>
                <TableCell className="pr-5 text-right tabular-nums">
                  {w.failed ? (
                    <Link href={`/runs?status=failed&workflowId=${w.workflowId}`} className="text-destructive underline-offset-4 hover:underline">
                      {w.failed.toLocaleString()}
                    </Link>
                  ) : (
                    <span className="text-muted-foreground">0</span>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <p className="px-5 py-10 text-center text-sm text-muted-foreground">No runs in this period.</p>
      )}
    </Card>
  );
}

/** A rate with two significant digits below 1 ("0.0049"), so a quiet period does not read as zero. */
function formatRate(value: number): string {
  if (value === 0) return "0";
  return value >= 1 ? value.toFixed(1) : String(Number(value.toPrecision(2)));
}

function formatPercent(rate: number): string {
  const percent = rate * 100;
  return `${percent === 100 || percent === 0 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

function DashboardSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading the dashboard">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-24 rounded-xl" />
        ))}
      </div>
      <Skeleton className="h-80 rounded-xl" />
      <div className="grid gap-6 lg:grid-cols-2">
        <Skeleton className="h-80 rounded-xl" />
        <Skeleton className="h-80 rounded-xl" />
      </div>
    </div>
  );
}
