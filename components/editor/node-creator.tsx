"use client";

import { Search } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { useListNavigation } from "./use-list-navigation";
import { CATEGORY_ORDER, CATEGORY_STYLES } from "@/components/node-category-style";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { recentNodeTypes } from "@/lib/editor/recent-nodes";
import { getNodeDefinition, nodeDefinitions, type NodeDefinition } from "@/lib/nodes";
import { cn } from "@/lib/utils";

interface NodeCreatorProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What the new node follows, in words ("after check · true"). */
  placement: string;
  onChoose: (type: string) => void;
}

/** The "+" node creator: searchable, by category, recently used first; the chosen node is added connected in place. Triggers are not offered: nothing connects into one. */
export function NodeCreator({ open, onOpenChange, ...props }: NodeCreatorProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-md grid-cols-[minmax(0,1fr)] gap-3 p-4">{open && <CreatorList {...props} />}</DialogContent>
    </Dialog>
  );
}

function CreatorList({ placement, onChoose }: Omit<NodeCreatorProps, "open" | "onOpenChange">) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [recent] = useState(recentNodeTypes);
  const groups = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const matches = (d: NodeDefinition) => d.category !== "trigger" && (!needle || [d.label, d.description, d.type, CATEGORY_STYLES[d.category].title].some((t) => t.toLowerCase().includes(needle)));
    const recentItems = recent.map((type) => getNodeDefinition(type)).filter((d): d is NodeDefinition => !!d && matches(d));
    return [
      ...(recentItems.length && !needle ? [{ title: "Recently used", items: recentItems }] : []),
      ...CATEGORY_ORDER.map((category) => ({ title: CATEGORY_STYLES[category].title, items: nodeDefinitions.filter((d) => d.category === category && matches(d)) })),
    ].filter((g) => g.items.length);
  }, [query, recent]);
  const flat = groups.flatMap((g) => g.items);
  const { active, current, setActive, onKeyDown } = useListNavigation(flat, (definition) => onChoose(definition.type));

  let index = -1;
  return (
    <>
      <DialogHeader>
        <DialogTitle>Add a node</DialogTitle>
        <DialogDescription>{placement}</DialogDescription>
      </DialogHeader>
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
        <input
          autoFocus
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded
          aria-controls={`${id}-list`}
          aria-activedescendant={current ? `${id}-${current.type}` : undefined}
          aria-label="Search node types"
          placeholder="Search nodes"
          className="h-9 w-full rounded-md border bg-transparent pr-3 pl-8 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
      </div>
      <div id={`${id}-list`} role="listbox" aria-label="Node types" className="max-h-96 space-y-3 overflow-y-auto">
        {groups.map((group) => (
          <div key={group.title} role="group" aria-label={group.title}>
            <p className="px-2 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">{group.title}</p>
            {group.items.map((definition) => {
              index += 1;
              const mine = index;
              const style = CATEGORY_STYLES[definition.category];
              const selected = mine === active;
              return (
                <div
                  key={`${group.title}-${definition.type}`}
                  id={selected ? `${id}-${definition.type}` : undefined}
                  role="option"
                  aria-selected={selected}
                  onMouseEnter={() => setActive(mine)}
                  onClick={() => onChoose(definition.type)}
                  className={cn("flex cursor-pointer items-center gap-2.5 rounded-md p-2", selected && "bg-accent text-accent-foreground")}
                >
                  <span className={cn("flex size-7 shrink-0 items-center justify-center rounded-md", style.tile)}>
                    <definition.icon className="size-4" />
                  </span>
                  <span className="min-w-0">
                    <span className="block text-sm leading-tight font-medium">{definition.label}</span>
                    <span className="block truncate text-xs text-muted-foreground">{definition.description}</span>
                  </span>
                </div>
              );
            })}
          </div>
        ))}
        {!groups.length && <p className="px-2 py-6 text-center text-sm text-muted-foreground">No nodes match “{query.trim()}”.</p>}
      </div>
    </>
  );
}
