"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { useFailedGroups } from "./queries";

/** The run history's two views: every run, and the failed runs waiting for a replay. */
export function RunsTabs() {
  const pathname = usePathname();
  const failed = useFailedGroups();
  const total = failed.data?.total;
  const tabs = [
    { href: "/runs", label: "All runs", count: undefined },
    { href: "/runs/failed", label: "Failed runs", count: total },
  ];
  return (
    <nav aria-label="Run views" className="mb-5 inline-flex h-9 items-center rounded-lg bg-muted p-1 text-muted-foreground">
      {tabs.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "inline-flex items-center gap-1.5 rounded-md px-3 py-1 text-sm font-medium whitespace-nowrap transition-all focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
              active ? "bg-card text-foreground shadow-sm" : "hover:text-foreground",
            )}
          >
            {tab.label}
            {tab.count !== undefined && tab.count > 0 && (
              <span className="rounded-full bg-destructive/15 px-1.5 text-xs font-semibold text-destructive tabular-nums">{tab.count > 999 ? "999+" : tab.count}</span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
