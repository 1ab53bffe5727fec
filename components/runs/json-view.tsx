"use client";

import { ChevronRight, FileWarning } from "lucide-react";
import { useState } from "react";
import { isTruncated, type TruncatedValue } from "@/lib/runs/truncated";
import { cn } from "@/lib/utils";
import { CopyButton } from "./copy-button";
import { DownloadJsonButton, formatBytes } from "./download-json";

/** Objects and arrays nested deeper than this start collapsed. */
const DEFAULT_EXPAND_DEPTH = 2;
const STRING_PREVIEW_CHARS = 160;
const ENTRIES_PER_PAGE = 100;

interface JsonViewProps {
  value: unknown;
  /** Shown instead of the tree when there is no value at all. */
  emptyLabel?: string;
  copyLabel?: string;
  /** File name of the JSON download, without extension. */
  downloadName?: string;
  className?: string;
}

/**
 * A read-only, collapsible JSON tree with type-coloured values, a copy button and a download of
 * the whole value. A value the API cut down (over 64 KB) shows its preview and downloads in full.
 */
export function JsonView({ value, emptyLabel = "No data", copyLabel = "Copy JSON", downloadName = "value", className }: JsonViewProps) {
  if (value === null || value === undefined) {
    return <p className={cn("rounded-lg border border-dashed px-3 py-2.5 text-xs text-muted-foreground italic", className)}>{emptyLabel}</p>;
  }
  if (isTruncated(value)) return <TruncatedJsonView value={value} downloadName={downloadName} className={className} />;
  return (
    <div className={cn("relative rounded-lg border bg-muted/40 font-mono text-xs leading-5", className)}>
      <div className="absolute top-1.5 right-1.5 flex rounded-md bg-card/80 backdrop-blur-sm">
        <DownloadJsonButton value={value} fileName={downloadName} label={`Download ${downloadName}`} />
        <CopyButton text={() => JSON.stringify(value, null, 2)} label={copyLabel} />
      </div>
      <div className="overflow-x-auto py-2.5 pr-18 pl-1.5">
        <JsonNode value={value} depth={0} last />
      </div>
    </div>
  );
}

function TruncatedJsonView({ value, downloadName, className }: { value: TruncatedValue; downloadName: string; className?: string }) {
  return (
    <div className={cn("overflow-hidden rounded-lg border bg-muted/40 text-xs leading-5", className)}>
      <div role="note" className="flex flex-wrap items-center gap-x-3 gap-y-1.5 border-b bg-warning/10 px-3 py-2">
        <FileWarning className="size-4 shrink-0 text-amber-700 dark:text-warning" aria-hidden />
        <span className="min-w-0 flex-1">
          <span className="font-medium">Large value ({formatBytes(value.bytes)}).</span> <span className="text-muted-foreground">Showing its start: long text cut, long lists shortened.</span>
        </span>
        <DownloadJsonButton url={value.download} fileName={downloadName} label="Download full value" showLabel />
      </div>
      <div className="overflow-x-auto py-2.5 pr-3 pl-1.5 font-mono">
        <JsonNode value={value.preview} depth={0} last />
      </div>
    </div>
  );
}

interface JsonNodeProps {
  name?: string | number;
  value: unknown;
  depth: number;
  last: boolean;
}

function JsonNode({ name, value, depth, last }: JsonNodeProps) {
  if (value !== null && typeof value === "object" && Object.keys(value).length) {
    return <JsonCollection name={name} value={value} depth={depth} last={last} />;
  }
  return (
    <div className="flex items-start">
      <span className="w-4 shrink-0" />
      <span className="min-w-0 wrap-anywhere">
        <Key name={name} />
        <Primitive value={value} />
        <Comma last={last} />
      </span>
    </div>
  );
}

function JsonCollection({ name, value, depth, last }: { name?: string | number; value: object; depth: number; last: boolean }) {
  const isArray = Array.isArray(value);
  const entries: [string | number, unknown][] = isArray ? value.map((item, index) => [index, item]) : Object.entries(value);
  const [open, setOpen] = useState(depth < DEFAULT_EXPAND_DEPTH);
  const [shown, setShown] = useState(ENTRIES_PER_PAGE);
  const [openBrace, closeBrace] = isArray ? ["[", "]"] : ["{", "}"];

  const summary = isArray ? `${entries.length} ${entries.length === 1 ? "item" : "items"}` : `${entries.length} ${entries.length === 1 ? "key" : "keys"}`;
  const isRoot = depth === 0;
  const hidden = entries.length - shown;

  return (
    <div>
      <div className="flex items-start whitespace-nowrap">
        {isRoot ? (
          <span className="w-4 shrink-0" />
        ) : (
          <button
            type="button"
            onClick={() => setOpen(!open)}
            aria-expanded={open}
            aria-label={`${open ? "Collapse" : "Expand"} ${typeof name === "number" ? `item ${name}` : `"${name}"`}`}
            className="mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-sm text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          >
            <ChevronRight className={cn("size-3 transition-transform", open && "rotate-90")} aria-hidden />
          </button>
        )}
        <span>
          <Key name={name} />
          <Punctuation>{openBrace}</Punctuation>
          {!open && (
            <>
              <button type="button" onClick={() => setOpen(true)} className="mx-1 rounded-sm px-1 text-muted-foreground hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none" tabIndex={-1}>
                {summary}
              </button>
              <Punctuation>{closeBrace}</Punctuation>
              <Comma last={last} />
            </>
          )}
        </span>
      </div>
      {open && (
        <>
          <div className="ml-[7px] border-l border-border pl-2">
            {entries.slice(0, shown).map(([key, item], index) => (
              <JsonNode key={key} name={isArray ? index : key} value={item} depth={depth + 1} last={index === entries.length - 1} />
            ))}
            {hidden > 0 && (
              <button
                type="button"
                onClick={() => setShown(shown + ENTRIES_PER_PAGE)}
                className="ml-4 rounded-sm text-primary hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                Show {Math.min(hidden, ENTRIES_PER_PAGE)} more of {hidden}
              </button>
            )}
          </div>
          <div className="pl-4">
            <Punctuation>{closeBrace}</Punctuation>
            <Comma last={last} />
          </div>
        </>
      )}
    </div>
  );
}

function Key({ name }: { name?: string | number }) {
  if (name === undefined) return null;
  return (
    <>
      {typeof name === "number" ? (
        <span className="text-muted-foreground">{name}</span>
      ) : (
        <span className="text-violet-700 dark:text-violet-300">{JSON.stringify(name)}</span>
      )}
      <Punctuation>: </Punctuation>
    </>
  );
}

function Primitive({ value }: { value: unknown }) {
  if (typeof value === "string") return <JsonString value={value} />;
  if (typeof value === "number") return <span className="text-amber-700 dark:text-amber-300">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-sky-700 dark:text-sky-400">{String(value)}</span>;
  if (value === null) return <span className="text-muted-foreground italic">null</span>;
  if (Array.isArray(value)) return <Punctuation>[]</Punctuation>;
  if (typeof value === "object") return <Punctuation>{"{}"}</Punctuation>;
  return <span className="text-muted-foreground italic">undefined</span>;
}

function JsonString({ value }: { value: string }) {
  const [expanded, setExpanded] = useState(false);
  const long = value.length > STRING_PREVIEW_CHARS;
  const text = long && !expanded ? `${JSON.stringify(value.slice(0, STRING_PREVIEW_CHARS)).slice(0, -1)}…"` : JSON.stringify(value);
  return (
    <>
      <span className="text-emerald-700 dark:text-emerald-400">{text}</span>
      {long && (
        <button
          type="button"
          onClick={() => setExpanded(!expanded)}
          className="ml-2 rounded-sm font-sans text-primary hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {expanded ? "show less" : `show more (${value.length.toLocaleString()} chars)`}
        </button>
      )}
    </>
  );
}

function Punctuation({ children }: { children: React.ReactNode }) {
  return <span className="text-muted-foreground">{children}</span>;
}

function Comma({ last }: { last: boolean }) {
  return last ? null : <Punctuation>,</Punctuation>;
}
