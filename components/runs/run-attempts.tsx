import { RotateCcw } from "lucide-react";
import type { RunSummary } from "@/lib/client/types";

/**
 * Attempts used by a run: every attempt of every step (sleeps, waits and reused results are not
 * attempts); retries, the attempts beyond each step's first, are called out.
 */
export function RunAttempts({ attempts }: { attempts: RunSummary["attempts"] }) {
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap tabular-nums" title={`${attempts.total} step ${attempts.total === 1 ? "attempt" : "attempts"}, ${attempts.retries} of them ${attempts.retries === 1 ? "a retry" : "retries"}`}>
      {attempts.total}
      {attempts.retries > 0 && (
        <span className="inline-flex items-center gap-0.5 text-xs text-amber-700 dark:text-warning">
          <RotateCcw className="size-3" aria-hidden />
          {attempts.retries} {attempts.retries === 1 ? "retry" : "retries"}
        </span>
      )}
    </span>
  );
}
