import { CircleOff } from "lucide-react";
import { CATEGORY_STYLES } from "@/components/node-category-style";
import { getNodeDefinition } from "@/lib/nodes";
import { cn } from "@/lib/utils";

/** The icon and name of a workflow's trigger type, or "No trigger". */
export function TriggerLabel({ type }: { type: string | null }) {
  const definition = type ? getNodeDefinition(type) : undefined;
  if (!definition) {
    return (
      <span className="inline-flex items-center gap-2 text-muted-foreground">
        <CircleOff className="size-4" aria-hidden />
        No trigger
      </span>
    );
  }
  const Icon = definition.icon;
  return (
    <span className="inline-flex items-center gap-2">
      <span className={cn("flex size-6 items-center justify-center rounded-md", CATEGORY_STYLES[definition.category].tile)}>
        <Icon className="size-3.5" aria-hidden />
      </span>
      {definition.label}
    </span>
  );
}
