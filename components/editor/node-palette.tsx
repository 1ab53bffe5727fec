"use client";

import { Search } from "lucide-react";
import { useMemo, useState } from "react";
import { CATEGORY_ORDER, CATEGORY_STYLES } from "@/components/node-category-style";
import { Input } from "@/components/ui/input";
import { nodeDefinitions, type NodeDefinition } from "@/lib/nodes";
import { cn } from "@/lib/utils";

interface NodePaletteProps {
  hasTrigger: boolean;
  onAdd: (type: string) => void;
  onPointerDown: (type: string, event: React.PointerEvent) => void;
  isDragClick: () => boolean;
}

/** Every node type, grouped by category and searchable; drag one onto the canvas or press Enter to add it. */
export function NodePalette({ hasTrigger, onAdd, onPointerDown, isDragClick }: NodePaletteProps) {
  const [query, setQuery] = useState("");
  const groups = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const matches = (d: NodeDefinition) => !needle || [d.label, d.description, d.type, CATEGORY_STYLES[d.category].title].some((text) => text.toLowerCase().includes(needle));
    return CATEGORY_ORDER.map((category) => ({ category, items: nodeDefinitions.filter((d) => d.category === category && matches(d)) })).filter((g) => g.items.length);
  }, [query]);

  return (
    <aside aria-label="Nodes" className="flex w-56 shrink-0 flex-col border-r bg-card">
      <div className="border-b p-3">
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search nodes" aria-label="Search nodes" className="h-8 pl-8" />
        </div>
      </div>
      <div className="flex-1 space-y-4 overflow-y-auto p-2 pb-4">
        {groups.map(({ category, items }) => {
          const style = CATEGORY_STYLES[category];
          return (
            <section key={category} aria-labelledby={`palette-${category}`}>
              <h2 id={`palette-${category}`} className="flex items-baseline justify-between px-2 pt-2 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">
                {style.title}
                {category === "trigger" && hasTrigger && <span className="text-[10px] font-normal tracking-normal normal-case">one per workflow</span>}
              </h2>
              <ul className="space-y-0.5">
                {items.map((definition) => (
                  <li key={definition.type}>
                    <button
                      type="button"
                      onPointerDown={(e) => onPointerDown(definition.type, e)}
                      onClick={() => !isDragClick() && onAdd(definition.type)}
                      title={definition.description}
                      className="flex w-full cursor-grab items-start gap-2.5 rounded-md p-2 text-left transition-colors select-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none active:cursor-grabbing"
                    >
                      <span className={cn("flex size-8 shrink-0 items-center justify-center rounded-md", style.tile)}>
                        <definition.icon className="size-4" />
                      </span>
                      <span className="min-w-0">
                        <span className="block text-sm leading-tight font-medium">{definition.label}</span>
                        <span className="mt-0.5 line-clamp-2 text-xs text-muted-foreground">{definition.description}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        {!groups.length && <p className="px-2 py-6 text-center text-sm text-muted-foreground">No nodes match “{query.trim()}”.</p>}
      </div>
      <p className="border-t px-3 py-2.5 text-xs text-muted-foreground">Drag a node onto the canvas, or focus it and press Enter.</p>
    </aside>
  );
}
