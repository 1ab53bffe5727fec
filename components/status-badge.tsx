import { CheckCircle2, CircleDashed, CircleSlash, Clock, Hourglass, Loader2, Radio, RotateCcw, XCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { RunStatus, StepStatus } from "@/lib/client/types";

const STYLES: Record<RunStatus | StepStatus, { variant: "success" | "destructive" | "warning" | "muted" | "default" | "secondary"; icon: typeof Clock; label: string }> = {
  queued: { variant: "muted", icon: Clock, label: "Queued" },
  running: { variant: "default", icon: Loader2, label: "Running" },
  retrying: { variant: "warning", icon: RotateCcw, label: "Retrying" },
  sleeping: { variant: "secondary", icon: Hourglass, label: "Sleeping" },
  waiting: { variant: "secondary", icon: Radio, label: "Waiting for event" },
  completed: { variant: "success", icon: CheckCircle2, label: "Completed" },
  failed: { variant: "destructive", icon: XCircle, label: "Failed" },
  skipped: { variant: "muted", icon: CircleDashed, label: "Skipped" },
  cancelled: { variant: "muted", icon: CircleSlash, label: "Cancelled" },
};

export function StatusBadge({ status }: { status: RunStatus | StepStatus }) {
  const style = STYLES[status] ?? STYLES.queued;
  const Icon = style.icon;
  return (
    <Badge variant={style.variant} data-status={status}>
      <Icon className={status === "running" ? "animate-spin" : undefined} aria-hidden />
      {style.label}
    </Badge>
  );
}
