"use client";

import { useReactFlow } from "@xyflow/react";
import { Search, X } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { useListNavigation } from "./use-list-navigation";
import { searchNodes, type SearchableNode } from "@/lib/editor/search";
import type { EditorEdge, EditorNode } from "@/lib/editor/types";
import { cn } from "@/lib/utils";

interface CanvasSearchProps {
  nodes: readonly SearchableNode[];
  onSelect: (nodeId: string) => void;
  onClose: () => void;
}

/** Ctrl/Cmd+F on the canvas: find a node by name, id or type; Enter or a click selects it and centres it. */
export function CanvasSearch({ nodes, onSelect, onClose }: CanvasSearchProps) {
  const id = useId();
  const [query, setQuery] = useState("");
  const matches = useMemo(() => searchNodes(nodes, query), [nodes, query]);
  const { getInternalNode, setCenter, getZoom } = useReactFlow<EditorNode, EditorEdge>();

  const choose = (nodeId: string) => {
    onSelect(nodeId);
    const node = getInternalNode(nodeId);
    if (node) {
      const { x, y } = node.internals.positionAbsolute;
      void setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, { zoom: Math.max(getZoom(), 0.8), duration: 250 });
    }
  };

  const navigation = useListNavigation(matches, (match) => choose(match.id));
  const { active, setActive } = navigation;

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    } else navigation.onKeyDown(event);
  };

  return (
    <div role="search" className="absolute top-3 left-1/2 z-20 w-96 max-w-[calc(100%-2rem)] -translate-x-1/2 rounded-lg border bg-popover text-popover-foreground shadow-lg">
      <div className="flex items-center gap-2 px-3">
        <Search aria-hidden className="size-4 shrink-0 text-muted-foreground" />
        <input
          autoFocus
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded={matches.length > 0}
          aria-controls={`${id}-results`}
          aria-activedescendant={matches[active] ? `${id}-${matches[active].id}` : undefined}
          aria-label="Search nodes on the canvas"
          placeholder="Find a node by name, id or type"
          className="h-10 min-w-0 flex-1 bg-transparent text-sm outline-none placeholder:text-muted-foreground"
        />
        <button type="button" onClick={onClose} aria-label="Close search" className="rounded-sm p-1 text-muted-foreground hover:text-foreground">
          <X className="size-4" />
        </button>
      </div>
      {query.trim() && (
        <ul id={`${id}-results`} role="listbox" aria-label="Matching nodes" className="max-h-72 overflow-y-auto border-t p-1">
          {matches.length === 0 && <li className="px-2 py-2 text-sm text-muted-foreground">No node matches “{query.trim()}”.</li>}
          {matches.map((match, index) => (
            <li
              key={match.id}
              id={`${id}-${match.id}`}
              role="option"
              aria-selected={index === active}
              onMouseEnter={() => setActive(index)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(match.id)}
              className={cn("flex cursor-pointer items-baseline gap-2 rounded-md px-2 py-1.5 text-sm", index === active && "bg-accent text-accent-foreground")}
            >
              <span className="truncate font-medium">{match.label}</span>
              <span className="truncate font-mono text-xs text-muted-foreground">{match.id}</span>
              <span className="ml-auto shrink-0 text-xs text-muted-foreground">{match.typeLabel}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
