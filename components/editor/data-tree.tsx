"use client";

import { ChevronDown, ChevronRight, GripVertical } from "lucide-react";
import { useState } from "react";
import { describeValue } from "@/lib/editor/completions";
import { childPath } from "@/lib/editor/sample-data";
import { cn } from "@/lib/utils";
import { EXPRESSION_DRAG_TYPE } from "./node-data-context";

const MAX_ENTRIES = 50;

/** JSON as a tree of fields; with `path`, each field can be dragged onto a config field as `{{ <path> }}`. */
export function DataTree({ value, path, label }: { value: unknown; path: string; label: string }) {
  return (
    <ul role="tree" aria-label={label} className="font-mono text-xs">
      <Entries value={value} path={path} depth={0} />
    </ul>
  );
}

function Entries({ value, path, depth }: { value: unknown; path: string; depth: number }) {
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : value && typeof value === "object" ? Object.entries(value) : [];
  if (!entries.length) return <li className="px-1 py-0.5 text-muted-foreground">{describeValue(value) === "empty" ? "empty" : show(value)}</li>;
  return (
    <>
      {entries.slice(0, MAX_ENTRIES).map(([key, child]) => (
        <Entry key={key} name={typeof key === "number" ? `[${key}]` : key} value={child} path={childPath(path, key)} depth={depth} />
      ))}
      {entries.length > MAX_ENTRIES && <li className="px-1 py-0.5 text-muted-foreground">… {entries.length - MAX_ENTRIES} more</li>}
    </>
  );
}

function Entry({ name, value, path, depth }: { name: string; value: unknown; path: string; depth: number }) {
  const nested = !!value && typeof value === "object" && Object.keys(value).length > 0;
  const [open, setOpen] = useState(depth < 2);
  const expression = `{{ ${path} }}`;
  return (
    <li role="treeitem" aria-expanded={nested ? open : undefined} aria-selected={false}>
      <div
        draggable
        onDragStart={(e) => {
          e.dataTransfer.setData(EXPRESSION_DRAG_TYPE, expression);
          e.dataTransfer.setData("text/plain", expression);
          e.dataTransfer.effectAllowed = "copy";
        }}
        title={`Drag onto a field to insert ${expression}`}
        data-path={path}
        className="group flex cursor-grab items-center gap-1 rounded px-1 py-0.5 hover:bg-accent active:cursor-grabbing"
        style={{ paddingLeft: depth * 12 + 4 }}
      >
        {nested ? (
          <button type="button" onClick={() => setOpen(!open)} aria-label={open ? `Collapse ${name}` : `Expand ${name}`} className="text-muted-foreground">
            {open ? <ChevronDown className="size-3" /> : <ChevronRight className="size-3" />}
          </button>
        ) : (
          <GripVertical aria-hidden className="size-3 text-muted-foreground/60 group-hover:text-muted-foreground" />
        )}
        <span className="text-primary">{name}</span>
        <span className={cn("min-w-0 truncate text-muted-foreground", !nested && "text-foreground")}>{nested ? describeValue(value) : show(value)}</span>
      </div>
      {nested && open && (
        <ul role="group">
          <Entries value={value} path={path} depth={depth + 1} />
        </ul>
      )}
    </li>
  );
}

function show(value: unknown): string {
  return value === undefined ? "null" : JSON.stringify(value);
}
