"use client";

import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { formatDateTime, formatRelative } from "@/lib/client/format";
import { useNow } from "./use-now";

/** "3 minutes ago", with the exact date and time on hover. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const now = useNow(15_000);
  // A timestamp slightly ahead of this browser's clock still reads as "now", never "in 2 seconds".
  const label = formatRelative(iso, Math.max(now, Date.parse(iso)));
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <time dateTime={iso} className={className}>
          {label}
        </time>
      </TooltipTrigger>
      <TooltipContent>{formatDateTime(iso)}</TooltipContent>
    </Tooltip>
  );
}
