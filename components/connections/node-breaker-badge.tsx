"use client";

import { ShieldAlert, ShieldQuestion } from "lucide-react";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { useConnectionBreaker } from "./connection-queries";

/** On a canvas node: a badge while the circuit breaker of its connection is open or half-open. */
export function NodeBreakerBadge({ connectionId }: { connectionId: unknown }) {
  const state = useConnectionBreaker(connectionId);
  if (!state || state.breaker.state === "closed") return null;
  const open = state.breaker.state === "open";
  const Icon = open ? ShieldAlert : ShieldQuestion;
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span
          role="img"
          aria-label={open ? "Circuit open" : "Circuit half-open"}
          data-breaker-state={state.breaker.state}
          className={cn(
            "absolute -top-2 -left-2 flex size-5 items-center justify-center rounded-full shadow-sm",
            open ? "bg-destructive text-destructive-foreground" : "bg-warning text-amber-950",
          )}
        >
          <Icon className="size-3" />
        </span>
      </TooltipTrigger>
      <TooltipContent side="top" className="max-w-72">
        {open
          ? `Circuit breaker of “${state.name}” is open: calls are refused${state.breaker.openUntil ? ` until ${new Date(state.breaker.openUntil).toLocaleTimeString()}` : ""}.`
          : `Circuit breaker of “${state.name}” is half-open: the next call is a trial.`}
      </TooltipContent>
    </Tooltip>
  );
}
