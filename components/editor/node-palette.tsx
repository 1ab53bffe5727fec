"use client";

import { Search } from "lucide-react";
import { memo, useMemo, useState } from "react";
import { CATEGORY_ORDER, CATEGORY_STYLES } from "@/components/node-category-style";
import { useImportedApis } from "@/components/apis/api-queries";
import { Input } from "@/components/ui/input";
import type { NodePreset } from "@/lib/editor/new-node";
import { nodeDefinitions, type NodeDefinition } from "@/lib/nodes";
import { cn } from "@/lib/utils";
import { ApiPaletteSections, operationMatches } from "./api-palette-sections";

interface NodePaletteProps {
  hasTrigger: boolean;
  onAdd: (type: string, preset?: NodePreset) => void;
  onPointerDown: (type: string, event: React.PointerEvent, preset?: NodePreset) => void;
  isDragClick: () => boolean;
}

interface PaletteGroup {
  key: string;
  title: string;
  category: NodeDefinition["category"];
  items: NodeDefinition[];
}

/**
 * The palette's sections: one per category, with app connector actions (lib/connectors/) taken
 * out of "Actions" into a section per app right after it, so Slack's actions sit under "Slack".
 * App triggers stay among the triggers, named with their app ("Stripe: On event").
 */
function paletteGroups(needle: string): PaletteGroup[] {
  const matches = (d: NodeDefinition) => !needle || [d.label, d.description, d.type, d.app?.name ?? "", CATEGORY_STYLES[d.category].title].some((text) => text.toLowerCase().includes(needle));
  const groups: PaletteGroup[] = [];
  for (const category of CATEGORY_ORDER) {
    const inCategory = nodeDefinitions.filter((d) => d.category === category && matches(d));
    const byApp = category !== "trigger";
    groups.push({ key: category, title: CATEGORY_STYLES[category].title, category, items: inCategory.filter((d) => !byApp || !d.app) });
    const apps = new Map<string, PaletteGroup>();
    for (const definition of inCategory) {
      if (!byApp || !definition.app) continue;
      let group = apps.get(definition.app.id);
      if (!group) apps.set(definition.app.id, (group = { key: `app-${definition.app.id}`, title: definition.app.name, category, items: [] }));
      group.items.push(definition);
    }
    groups.push(...apps.values());
  }
  return groups.filter((g) => g.items.length);
}

/** Every node type, grouped by category (app actions by app) and searchable; drag one onto the canvas or press Enter to add it. */
function NodePaletteView({ hasTrigger, onAdd, onPointerDown, isDragClick }: NodePaletteProps) {
  const [query, setQuery] = useState("");
  const groups = useMemo(() => paletteGroups(query.trim().toLowerCase()), [query]);
  const apis = useImportedApis();
  const needle = query.trim().toLowerCase();
  const apiMatches = !!needle && !!apis.data?.some((api) => api.operations.some((operation) => operationMatches(api, operation, needle)));

  return (
    <aside aria-label="Nodes" className="flex w-56 shrink-0 flex-col border-r bg-card">
      <div className="border-b p-3">
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search nodes" aria-label="Search nodes" className="h-8 pl-8" />
        </div>
      </div>
      <div className="flex-1 space-y-4 overflow-y-auto p-2 pb-4">
        {groups.map(({ key, title, category, items }) => {
          const style = CATEGORY_STYLES[category];
          return (
            <section key={key} aria-labelledby={`palette-${key}`}>
              <h2 id={`palette-${key}`} className="flex items-baseline justify-between px-2 pt-2 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">
                {title}
                {key === "trigger" && hasTrigger && <span className="text-[10px] font-normal tracking-normal normal-case">one per workflow</span>}
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
                        <span className="block text-sm leading-tight font-medium">{key.startsWith("app-") && definition.app ? definition.app.action : definition.label}</span>
                        <span className="mt-0.5 line-clamp-2 text-xs text-muted-foreground">{definition.description}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
        <ApiPaletteSections needle={needle} onAdd={onAdd} onPointerDown={onPointerDown} isDragClick={isDragClick} />
        {!groups.length && !apiMatches && <p className="px-2 py-6 text-center text-sm text-muted-foreground">No nodes match “{query.trim()}”.</p>}
      </div>
      <p className="border-t px-3 py-2.5 text-xs text-muted-foreground">Drag a node onto the canvas, or focus it and press Enter.</p>
    </aside>
  );
}

/** Memoized: the editor re-renders on every drag frame, and the palette draws every node type. */
export const NodePalette = memo(NodePaletteView);
