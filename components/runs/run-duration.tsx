import { formatRunDuration } from "@/lib/client/format";
import type { RunSummary } from "@/lib/client/types";
import { Elapsed } from "./elapsed";

export function RunDuration({ run }: { run: Pick<RunSummary, "status" | "startedAt" | "durationMs"> }) {
  if (run.status === "queued") return <span className="whitespace-nowrap text-muted-foreground italic">queued…</span>;
  if (run.status === "running") return <Elapsed since={run.startedAt} label="running…" />;
  return <span className="whitespace-nowrap tabular-nums">{formatRunDuration(run.durationMs)}</span>;
}
