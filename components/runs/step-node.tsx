import { Puzzle } from "lucide-react";
import { CATEGORY_STYLES } from "@/components/node-category-style";
import { getNodeDefinition } from "@/lib/nodes";
import { cn } from "@/lib/utils";

/** A step's node: its name (or its type's label), icon from the registry, then the node id. */
export function StepNode({ nodeId, nodeType, nodeName }: { nodeId: string; nodeType: string; nodeName?: string | null }) {
  const definition = getNodeDefinition(nodeType);
  // Runs outlive node types: history may name a type this build no longer has.
  const Icon = definition?.icon ?? Puzzle;
  return (
    <span className="flex min-w-0 items-center gap-3">
      <span className={cn("flex size-8 shrink-0 items-center justify-center rounded-lg", definition ? CATEGORY_STYLES[definition.category].tile : "bg-muted text-muted-foreground")}>
        <Icon className="size-4" aria-hidden />
      </span>
      <span className="flex min-w-0 flex-col">
        <span className="truncate text-sm font-medium">{nodeName || definition?.label || nodeType}</span>
        <span className="truncate font-mono text-xs text-muted-foreground">{nodeId}</span>
      </span>
    </span>
  );
}
