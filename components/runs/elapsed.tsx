"use client";

import { formatRunDuration } from "@/lib/client/format";
import { useNow } from "./use-now";

/** A ticking "running… 12s" for work that has not finished yet. */
export function Elapsed({ since, label }: { since: string | null; label?: string }) {
  const now = useNow(1000);
  const seconds = since ? Math.max(0, Math.floor((now - Date.parse(since)) / 1000)) : null;
  return (
    <span className="whitespace-nowrap text-primary">
      {label && <span className="mr-1 italic">{label}</span>}
      {seconds !== null && <span className="tabular-nums">{formatRunDuration(seconds * 1000)}</span>}
    </span>
  );
}
