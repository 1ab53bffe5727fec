"use client";

import { NodeResizer, type NodeProps } from "@xyflow/react";
import { memo, useContext, useState } from "react";
import Markdown from "react-markdown";
import { STICKY_NOTE_COLORS } from "@/lib/document/schema";
import type { NoteNode } from "@/lib/editor/types";
import { cn } from "@/lib/utils";
import { EditorContext } from "./editor-context";

const COLORS: Record<NoteNode["data"]["color"], { note: string; swatch: string }> = {
  yellow: { note: "bg-amber-100 border-amber-300 text-amber-950 dark:bg-amber-950/70 dark:border-amber-800 dark:text-amber-50", swatch: "bg-amber-300" },
  blue: { note: "bg-sky-100 border-sky-300 text-sky-950 dark:bg-sky-950/70 dark:border-sky-800 dark:text-sky-50", swatch: "bg-sky-300" },
  green: { note: "bg-emerald-100 border-emerald-300 text-emerald-950 dark:bg-emerald-950/70 dark:border-emerald-800 dark:text-emerald-50", swatch: "bg-emerald-300" },
  pink: { note: "bg-pink-100 border-pink-300 text-pink-950 dark:bg-pink-950/70 dark:border-pink-800 dark:text-pink-50", swatch: "bg-pink-300" },
  gray: { note: "bg-zinc-100 border-zinc-300 text-zinc-900 dark:bg-zinc-800/80 dark:border-zinc-600 dark:text-zinc-50", swatch: "bg-zinc-300" },
};

/**
 * A sticky note: Markdown for the people reading the workflow, ignored by validation and runs.
 * Double-click to edit; selected, it can be resized and recoloured.
 */
function StickyNoteView({ id, data, selected }: NodeProps<NoteNode>) {
  const updateNote = useContext(EditorContext).updateNote;
  const [editing, setEditing] = useState(false);
  const style = COLORS[data.color];
  return (
    <div
      role="note"
      aria-label={`Sticky note ${id}`}
      onDoubleClick={() => updateNote && setEditing(true)}
      className={cn("flex h-full w-full flex-col overflow-hidden rounded-md border shadow-sm", style.note, selected && "ring-2 ring-primary/60")}
    >
      <NodeResizer isVisible={selected && !!updateNote} minWidth={80} minHeight={40} lineClassName="border-primary!" handleClassName="size-2! rounded-sm! border-primary! bg-card!" />
      {selected && updateNote && (
        <div className="nodrag flex items-center gap-1 border-b border-current/10 px-2 py-1" role="group" aria-label="Note colour">
          {STICKY_NOTE_COLORS.map((color) => (
            <button
              key={color}
              type="button"
              aria-label={`Colour ${color}`}
              aria-pressed={data.color === color}
              onClick={() => updateNote(id, { color })}
              className={cn("size-4 rounded-full border border-black/20", COLORS[color].swatch, data.color === color && "ring-2 ring-primary ring-offset-1")}
            />
          ))}
          <span className="ml-auto text-[10px] opacity-60">double-click to edit</span>
        </div>
      )}
      {editing && updateNote ? (
        <textarea
          autoFocus
          aria-label="Note text (Markdown)"
          value={data.text}
          onChange={(e) => updateNote(id, { text: e.target.value })}
          onBlur={() => setEditing(false)}
          onKeyDown={(e) => e.key === "Escape" && setEditing(false)}
          className="nodrag nowheel min-h-0 flex-1 resize-none bg-transparent p-2 font-mono text-xs outline-none"
          placeholder="Write in Markdown: **bold**, - lists, [links](https://…)"
        />
      ) : (
        <div className="nowheel min-h-0 flex-1 overflow-auto p-2 text-sm leading-snug [&_a]:underline [&_h1]:text-base [&_h1]:font-semibold [&_h2]:font-semibold [&_li]:ml-4 [&_ol]:list-decimal [&_p+p]:mt-1.5 [&_ul]:list-disc">
          {data.text.trim() ? <Markdown>{data.text}</Markdown> : <p className="opacity-60">Double-click to write a note.</p>}
        </div>
      )}
    </div>
  );
}

export const StickyNoteNode = memo(StickyNoteView);
