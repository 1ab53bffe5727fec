"use client";

import { useId, useRef, useState } from "react";
import { completionsFor, referenceAt, type Completion } from "@/lib/editor/completions";
import { cn } from "@/lib/utils";
import { ExpressionHighlight } from "./expression-highlight";
import { ExpressionPreview } from "./expression-preview";
import { EXPRESSION_DRAG_TYPE, useNodeData } from "./node-data-context";

interface ExpressionInputProps {
  id: string;
  value: string;
  onChange: (next: string) => void;
  multiline?: boolean;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
  /** A raw JSONata field: the whole text is the expression (no `{{ }}`, no highlighting or preview). */
  raw?: boolean;
  rows?: number;
  /** The accessible name when no <label> points at the field. */
  label?: string;
  /** A smaller single-line field (inside rows of a list). */
  compact?: boolean;
}

interface Menu {
  start: number;
  end: number;
  items: Completion[];
  active: number;
}

const BOX = "w-full rounded-md border px-3 font-mono text-[13px] leading-5";

/**
 * A text field that may embed `{{ expression }}`: expressions are highlighted, `trigger.`,
 * `input.` and `steps.<node>.` complete from example data, fields dragged from the input panel
 * drop in as expressions, and a preview shows the value the text gives.
 */
export function ExpressionInput({ id, value, onChange, multiline, placeholder, describedBy, invalid, raw, rows = 3, label, compact }: ExpressionInputProps) {
  const box = cn(BOX, compact && "text-xs");
  const data = useNodeData();
  const listId = useId();
  const previewId = `${id}-preview`;
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<Menu | null>(null);

  const suggest = (text: string, caret: number | null) => {
    const reference = data && caret !== null ? referenceAt(text, caret, raw) : null;
    const items = reference && data ? completionsFor(reference.typed, data.scope, data.shapes) : [];
    setMenu(reference && items.length ? { start: reference.start, end: caret!, items, active: 0 } : null);
  };

  const replace = (start: number, end: number, insert: string) => {
    const next = value.slice(0, start) + insert + value.slice(end);
    onChange(next);
    const caret = start + insert.length;
    requestAnimationFrame(() => {
      field.current?.focus();
      field.current?.setSelectionRange(caret, caret);
    });
    return { next, caret };
  };

  const accept = (completion: Completion) => {
    if (!menu) return;
    replace(menu.start, menu.end, completion.value);
    setMenu(null);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!menu) return;
    const move = (by: number) => setMenu({ ...menu, active: (menu.active + by + menu.items.length) % menu.items.length });
    if (event.key === "ArrowDown") move(1);
    else if (event.key === "ArrowUp") move(-1);
    else if (event.key === "Enter" || event.key === "Tab") accept(menu.items[menu.active]);
    else if (event.key === "Escape") setMenu(null);
    else return;
    event.preventDefault();
  };

  const onDrop = (event: React.DragEvent) => {
    const dragged = event.dataTransfer.getData(EXPRESSION_DRAG_TYPE);
    if (!dragged) return;
    const expression = raw ? dragged.replace(/^\{\{\s*|\s*\}\}$/g, "") : dragged;
    event.preventDefault();
    const element = field.current;
    const focused = element && document.activeElement === element;
    const start = focused ? (element.selectionStart ?? value.length) : value.length;
    const end = focused ? (element.selectionEnd ?? value.length) : value.length;
    const spaced = start > 0 && !/\s$/.test(value.slice(0, start)) ? ` ${expression}` : expression;
    replace(start, end, spaced);
  };

  const shared = {
    id,
    ref: field,
    value,
    placeholder,
    spellCheck: false,
    autoComplete: "off",
    "aria-label": label,
    "aria-controls": menu ? listId : undefined,
    "aria-autocomplete": "list" as const,
    "aria-activedescendant": menu ? `${listId}-${menu.active}` : undefined,
    "aria-describedby": [describedBy, data && !raw ? previewId : undefined].filter(Boolean).join(" ") || undefined,
    "aria-invalid": invalid || undefined,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      onChange(e.target.value);
      suggest(e.target.value, e.target.selectionStart);
    },
    onKeyDown,
    onBlur: () => setMenu(null),
    onScroll: (e: React.UIEvent<HTMLElement>) => {
      if (backdrop.current) {
        backdrop.current.scrollLeft = e.currentTarget.scrollLeft;
        backdrop.current.scrollTop = e.currentTarget.scrollTop;
      }
    },
    onDragOver: (e: React.DragEvent) => {
      if (e.dataTransfer.types.includes(EXPRESSION_DRAG_TYPE)) {
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
      }
    },
    onDrop,
    className: cn(
      box,
      "relative border-input bg-transparent shadow-xs placeholder:font-sans placeholder:text-muted-foreground selection:bg-primary/25 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none aria-invalid:border-destructive",
      !raw && "text-transparent caret-foreground",
      multiline ? "min-h-16 resize-y py-2" : compact ? "h-8 py-1.5" : "h-9 py-1.5",
    ),
  };

  return (
    <div className="space-y-1.5">
      <div className="relative rounded-md bg-card">
        {!raw && (
          <div
            ref={backdrop}
            aria-hidden
            className={cn(box, "pointer-events-none absolute inset-0 overflow-hidden border-transparent text-foreground", multiline ? "py-2 break-words whitespace-pre-wrap" : "py-1.5 whitespace-pre")}
          >
            <ExpressionHighlight text={value} />
          </div>
        )}
        {multiline ? <textarea rows={rows} {...shared} /> : <input type="text" {...shared} />}
        {menu && (
          <ul id={listId} role="listbox" aria-label="Data you can insert" className="absolute top-full left-0 z-50 mt-1 max-h-56 w-full overflow-y-auto rounded-md border bg-popover p-1 shadow-md">
            {menu.items.map((item, i) => (
              <li
                key={item.value}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === menu.active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(item);
                }}
                className={cn("flex cursor-pointer items-baseline justify-between gap-3 rounded px-2 py-1 font-mono text-xs", i === menu.active && "bg-accent")}
              >
                <span className="truncate">{item.label}</span>
                <span className="shrink-0 font-sans text-[10px] text-muted-foreground">{item.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {data && !raw && <ExpressionPreview id={previewId} template={value} scope={data.scope} source={data.source} />}
    </div>
  );
}
