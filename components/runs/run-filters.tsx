"use client";

import { Search, X } from "lucide-react";
import { useEffect, useEffectEvent, useState } from "react";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { RunStatus } from "@/lib/client/types";
import { hasFilters, TIME_RANGES, type RunFilters, type TimeRange } from "./run-filters-state";
import { RUN_STATUSES, TRIGGER_KINDS } from "./run-status";
import { TriggerKind } from "./trigger-kind";

/** Radix Select items cannot have an empty value, so "no filter" has its own. */
const ALL = "all";
/** The search waits for a pause in typing before it asks the server. */
const SEARCH_DELAY_MS = 350;

const RANGE_LABELS: Record<TimeRange, string> = { "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" };

interface RunFilterBarProps {
  filters: RunFilters;
  onChange: (next: RunFilters) => void;
  workflows: { id: string; name: string }[] | undefined;
}

export function RunFilterBar({ filters, onChange, workflows = [] }: RunFilterBarProps) {
  const active = hasFilters(filters);
  // A filter on a deleted workflow still needs an option to show as selected.
  const workflowOptions = filters.workflowId && !workflows.some((w) => w.id === filters.workflowId) ? [...workflows, { id: filters.workflowId, name: "Unknown workflow" }] : workflows;

  return (
    <div className="flex flex-wrap items-end gap-3">
      <PayloadSearch value={filters.q} onChange={(q) => onChange({ ...filters, q })} />
      <div className="grid gap-1.5">
        <Label htmlFor="run-filter-status" className="text-xs text-muted-foreground">
          Status
        </Label>
        <Select value={filters.status ?? ALL} onValueChange={(value) => onChange({ ...filters, status: value === ALL ? undefined : (value as RunStatus) })}>
          <SelectTrigger id="run-filter-status" className="w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All statuses</SelectItem>
            {RUN_STATUSES.map((status) => (
              <SelectItem key={status} value={status}>
                <StatusBadge status={status} />
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="run-filter-workflow" className="text-xs text-muted-foreground">
          Workflow
        </Label>
        <Select value={filters.workflowId ?? ALL} onValueChange={(value) => onChange({ ...filters, workflowId: value === ALL ? undefined : value })}>
          <SelectTrigger id="run-filter-workflow" className="w-52">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All workflows</SelectItem>
            {workflowOptions.map((workflow) => (
              <SelectItem key={workflow.id} value={workflow.id}>
                {workflow.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="run-filter-trigger" className="text-xs text-muted-foreground">
          Trigger
        </Label>
        <Select value={filters.triggerKind ?? ALL} onValueChange={(value) => onChange({ ...filters, triggerKind: value === ALL ? undefined : value })}>
          <SelectTrigger id="run-filter-trigger" className="w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All triggers</SelectItem>
            {TRIGGER_KINDS.map((kind) => (
              <SelectItem key={kind} value={kind}>
                <TriggerKind kind={kind} short />
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="run-filter-range" className="text-xs text-muted-foreground">
          Started
        </Label>
        <Select value={filters.range ?? ALL} onValueChange={(value) => onChange({ ...filters, range: value === ALL ? undefined : (value as TimeRange) })}>
          <SelectTrigger id="run-filter-range" className="w-36">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>Any time</SelectItem>
            {(Object.keys(TIME_RANGES) as TimeRange[]).map((range) => (
              <SelectItem key={range} value={range}>
                {RANGE_LABELS[range]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {active && (
        <Button variant="ghost" size="sm" className="mb-0.5" onClick={() => onChange({})}>
          <X />
          Clear filters
        </Button>
      )}
    </div>
  );
}

/** Free text searched in the trigger payloads, e.g. an order id or an e-mail address. */
function PayloadSearch({ value, onChange }: { value: string | undefined; onChange: (q: string | undefined) => void }) {
  const [text, setText] = useState(value ?? "");
  const search = useEffectEvent((q: string | undefined) => onChange(q));
  // The URL changed from elsewhere (Clear filters, back button): show what it says.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value ?? "");
  }
  useEffect(() => {
    const next = text.trim() || undefined;
    if (next === value) return;
    const timer = setTimeout(() => search(next), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value]);

  return (
    <div className="grid gap-1.5">
      <Label htmlFor="run-filter-q" className="text-xs text-muted-foreground">
        Search trigger data
      </Label>
      <div className="relative">
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          id="run-filter-q"
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") onChange(text.trim() || undefined);
          }}
          placeholder="Order id, e-mail…"
          className="w-56 pl-8"
          maxLength={200}
        />
      </div>
    </div>
  );
}
