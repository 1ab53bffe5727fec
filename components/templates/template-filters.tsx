"use client";

import { Search } from "lucide-react";
import { Input } from "@/components/ui/input";
import type { TemplatePattern, TemplatePatternId } from "@/lib/templates";
import { cn } from "@/lib/utils";

/** A search box and one toggle per integration pattern (pressing the active pattern again shows all). */
export function TemplateFilters({
  query,
  onQueryChange,
  patterns,
  pattern,
  onPatternChange,
}: {
  query: string;
  onQueryChange: (query: string) => void;
  patterns: readonly TemplatePattern[];
  pattern: TemplatePatternId | null;
  onPatternChange: (pattern: TemplatePatternId | null) => void;
}) {
  return (
    <div className="grid gap-3">
      <div className="relative w-full max-w-xs">
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input type="search" value={query} onChange={(event) => onQueryChange(event.target.value)} placeholder="Search templates" aria-label="Search templates" className="pl-8" />
      </div>
      <div role="group" aria-label="Filter by pattern" className="flex flex-wrap gap-1.5">
        <PatternToggle pressed={pattern === null} onClick={() => onPatternChange(null)}>
          All patterns
        </PatternToggle>
        {patterns.map((p) => (
          <PatternToggle key={p.id} pressed={pattern === p.id} title={p.purpose} onClick={() => onPatternChange(pattern === p.id ? null : p.id)}>
            {p.label}
          </PatternToggle>
        ))}
      </div>
    </div>
  );
}

function PatternToggle({ pressed, onClick, title, children }: { pressed: boolean; onClick: () => void; title?: string; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      title={title}
      className={cn(
        "rounded-full border px-3 py-1 text-xs font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        pressed ? "border-primary bg-primary text-primary-foreground" : "bg-card text-muted-foreground hover:bg-accent hover:text-accent-foreground",
      )}
    >
      {children}
    </button>
  );
}
