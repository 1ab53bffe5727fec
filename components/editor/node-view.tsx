"use client";

import { ArrowLeft } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * The node view (n8n's node details view): the node's input, settings and output side by side over
 * the canvas, opened by double-clicking a node or pressing Enter on it; Esc or "Back to canvas" closes it.
 */
export function NodeView({ title, nodeId, onClose, children }: { title: string; nodeId: string; onClose: () => void; children: React.ReactNode }) {
  return (
    <section role="region" aria-label={`Node view: ${title}`} className="absolute inset-0 z-30 flex flex-col bg-background">
      <header className="flex h-11 shrink-0 items-center gap-3 border-b bg-card px-3">
        <Button variant="ghost" size="sm" onClick={onClose}>
          <ArrowLeft />
          Back to canvas
        </Button>
        <span className="truncate text-sm font-semibold">{title}</span>
        <span className="truncate font-mono text-xs text-muted-foreground">{nodeId}</span>
        <kbd className="ml-auto rounded border bg-muted px-1.5 py-0.5 font-mono text-[11px] text-muted-foreground">Esc</kbd>
      </header>
      {children}
    </section>
  );
}
