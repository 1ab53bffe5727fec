"use client";

import { Search } from "lucide-react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/** A search box and one toggle per tag (pressing the active tag again shows all). */
export function TemplateFilters({
  query,
  onQueryChange,
  tags,
  tag,
  onTagChange,
}: {
  query: string;
  onQueryChange: (query: string) => void;
  tags: readonly string[];
  tag: string | null;
  onTagChange: (tag: string | null) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
      <div className="relative w-full max-w-xs">
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input type="search" value={query} onChange={(event) => onQueryChange(event.target.value)} placeholder="Search templates" aria-label="Search templates" className="pl-8" />
      </div>
      <div role="group" aria-label="Filter by tag" className="flex flex-wrap gap-1.5">
        <TagToggle pressed={tag === null} onClick={() => onTagChange(null)}>
          All
        </TagToggle>
        {tags.map((t) => (
          <TagToggle key={t} pressed={tag === t} onClick={() => onTagChange(tag === t ? null : t)}>
            {t}
          </TagToggle>
        ))}
      </div>
    </div>
  );
}

function TagToggle({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={cn(
        "rounded-full border px-3 py-1 text-xs font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        pressed ? "border-primary bg-primary text-primary-foreground" : "bg-card text-muted-foreground hover:bg-accent hover:text-accent-foreground",
      )}
    >
      {children}
    </button>
  );
}
