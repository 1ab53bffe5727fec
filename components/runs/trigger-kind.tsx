import { OctagonAlert, Play, Webhook, Zap, type LucideIcon } from "lucide-react";

const KINDS: Record<string, { icon: LucideIcon; label: string; short: string }> = {
  manual: { icon: Play, label: "Manual", short: "Manual" },
  webhook: { icon: Webhook, label: "Webhook", short: "Webhook" },
  failure: { icon: OctagonAlert, label: "Failure of another run", short: "Failure" },
};

/** How a run was started: by hand, by a webhook call, or by another workflow's failed run. */
export function TriggerKind({ kind, short = false }: { kind: string; short?: boolean }) {
  const fallback = kind.charAt(0).toUpperCase() + kind.slice(1);
  const { icon: Icon, label, short: shortLabel } = KINDS[kind] ?? { icon: Zap, label: fallback, short: fallback };
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <Icon className="size-3.5 text-muted-foreground" aria-hidden />
      {short ? shortLabel : label}
    </span>
  );
}
