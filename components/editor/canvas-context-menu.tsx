"use client";

import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

export interface ContextMenuAction {
  label: string;
  shortcut?: string;
  run: () => void;
  destructive?: boolean;
  /** Starts a new group, after a separator. */
  separated?: boolean;
}

/** The right-click menu of the canvas and of nodes: the same actions as the keyboard shortcuts, at the pointer. */
export function CanvasContextMenu({ at, label, actions, onClose }: { at: { x: number; y: number } | null; label: string; actions: ContextMenuAction[]; onClose: () => void }) {
  return (
    <DropdownMenu open={at !== null} onOpenChange={(open) => !open && onClose()} modal={false}>
      <DropdownMenuTrigger asChild>
        <span aria-hidden className="pointer-events-none fixed size-0" style={{ left: at?.x ?? 0, top: at?.y ?? 0 }} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" aria-label={label} className="w-60">
        {actions.map((action) => (
          <div key={action.label} className="contents">
            {action.separated && <DropdownMenuSeparator />}
            <DropdownMenuItem variant={action.destructive ? "destructive" : undefined} onSelect={action.run}>
              {action.label}
              {action.shortcut && <span className="ml-auto text-xs tracking-wide text-muted-foreground">{action.shortcut}</span>}
            </DropdownMenuItem>
          </div>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
