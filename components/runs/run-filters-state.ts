"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { RunStatus } from "@/lib/client/types";
import { RUN_STATUSES, TRIGGER_KINDS } from "./run-status";

export const TIME_RANGES = { "1h": 60 * 60_000, "24h": 24 * 60 * 60_000, "7d": 7 * 24 * 60 * 60_000, "30d": 30 * 24 * 60 * 60_000 } as const;
export type TimeRange = keyof typeof TIME_RANGES;

export interface RunFilters {
  status?: RunStatus;
  workflowId?: string;
  triggerKind?: string;
  /** Runs created in the last hour, day, week or month (relative to now when the list loads). */
  range?: TimeRange;
  /** Text searched in the trigger payload, e.g. an order id. */
  q?: string;
}

const KEYS = ["status", "workflowId", "triggerKind", "range", "q"] as const;

export function hasFilters(filters: RunFilters): boolean {
  return KEYS.some((key) => Boolean(filters[key]));
}

/** The filters as the URL's query (and the API's, except `range`, which the list turns into `from`). */
export function filtersToParams(filters: RunFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) if (filters[key]) params.set(key, filters[key]);
  return params;
}

/** Reads filters from a query; unknown values in a hand-edited URL show everything rather than an error. */
export function filtersFromParams(searchParams: Pick<URLSearchParams, "get">): RunFilters {
  const status = searchParams.get("status");
  const triggerKind = searchParams.get("triggerKind");
  const range = searchParams.get("range");
  return {
    status: RUN_STATUSES.includes(status as RunStatus) ? (status as RunStatus) : undefined,
    workflowId: searchParams.get("workflowId") || undefined,
    triggerKind: (TRIGGER_KINDS as readonly string[]).includes(triggerKind ?? "") ? triggerKind! : undefined,
    range: range && range in TIME_RANGES ? (range as TimeRange) : undefined,
    q: searchParams.get("q")?.trim() || undefined,
  };
}

/** The list's filters live in the URL (`?status=failed&workflowId=…&q=A-1001`) so a view can be shared and survives reloads. */
export function useRunFilters(): [RunFilters, (next: RunFilters) => void] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = filtersFromParams(searchParams);

  const setFilters = (next: RunFilters) => {
    const query = filtersToParams(next).toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return [filters, setFilters];
}
