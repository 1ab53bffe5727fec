import { CheckCircle2, CircleSlash, Copy, ShieldX } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { Delivery } from "@/lib/client/types";

const STYLES = {
  accepted: { variant: "success", icon: CheckCircle2, label: "Accepted" },
  duplicate: { variant: "secondary", icon: Copy, label: "Duplicate" },
  ignored: { variant: "outline", icon: CircleSlash, label: "Ignored" },
  rejected: { variant: "destructive", icon: ShieldX, label: "Rejected" },
} as const;

export function OutcomeBadge({ outcome }: { outcome: Delivery["outcome"] }) {
  const style = STYLES[outcome];
  const Icon = style.icon;
  return (
    <Badge variant={style.variant} data-outcome={outcome}>
      <Icon aria-hidden />
      {style.label}
    </Badge>
  );
}
