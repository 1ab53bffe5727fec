"use client";

import { FileCode2 } from "lucide-react";
import { useImportedApis } from "@/components/apis/api-queries";
import { CATEGORY_STYLES } from "@/components/node-category-style";
import type { NodePreset } from "@/lib/editor/new-node";
import { API_OPERATION_TYPE, operationNodeConfig, type ApiSummary, type OperationSummary } from "@/lib/openapi/model";
import { cn } from "@/lib/utils";

/** Operations listed per API while searching; the search narrows the rest. */
const MAX_MATCHES = 25;

interface ApiPaletteSectionsProps {
  needle: string;
  onAdd: (type: string, preset: NodePreset) => void;
  onPointerDown: (type: string, event: React.PointerEvent, preset: NodePreset) => void;
  isDragClick: () => boolean;
}

/**
 * The palette's imported APIs (Connections → Import API): a section per API with its operations
 * grouped by tag (folded, since an API may have a thousand), or the operations matching the search.
 */
export function ApiPaletteSections({ needle, ...props }: ApiPaletteSectionsProps) {
  const apis = useImportedApis();
  return (apis.data ?? []).map((api) => <ApiSection key={api.id} api={api} needle={needle} {...props} />);
}

/** Whether an operation is found by the palette's search (`needle` is lower-cased). */
export function operationMatches(api: ApiSummary, operation: OperationSummary, needle: string): boolean {
  return [operation.summary, operation.path, operation.key, operation.tag, api.name].some((text) => text.toLowerCase().includes(needle));
}

function ApiSection({ api, needle, ...props }: { api: ApiSummary; needle: string } & Omit<ApiPaletteSectionsProps, "needle">) {
  const found = needle ? api.operations.filter((operation) => operationMatches(api, operation, needle)) : [];
  if (needle && !found.length) return null;
  const tags = [...new Set(api.operations.map((o) => o.tag))];
  return (
    <section aria-labelledby={`palette-api-${api.id}`}>
      <h2 id={`palette-api-${api.id}`} className="flex items-baseline justify-between px-2 pt-2 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        <span className="truncate">{api.name}</span>
        <span className="text-[10px] font-normal tracking-normal normal-case">API</span>
      </h2>
      {needle ? (
        <>
          <OperationList api={api} operations={found.slice(0, MAX_MATCHES)} {...props} />
          {found.length > MAX_MATCHES && <p className="px-2 py-1 text-xs text-muted-foreground">{found.length - MAX_MATCHES} more: narrow the search</p>}
        </>
      ) : (
        tags.map((tag) => (
          <details key={tag} className="group">
            <summary className="cursor-pointer rounded-md px-2 py-1 text-sm select-none hover:bg-accent">
              {tag} <span className="text-xs text-muted-foreground">({api.operations.filter((o) => o.tag === tag).length})</span>
            </summary>
            <OperationList api={api} operations={api.operations.filter((o) => o.tag === tag)} {...props} />
          </details>
        ))
      )}
    </section>
  );
}

function OperationList({ api, operations, onAdd, onPointerDown, isDragClick }: { api: ApiSummary; operations: OperationSummary[] } & Omit<ApiPaletteSectionsProps, "needle">) {
  const style = CATEGORY_STYLES.action;
  return (
    <ul className="space-y-0.5">
      {operations.map((operation) => {
        const preset: NodePreset = { config: operationNodeConfig(api.id, operation.key), name: operation.summary, idBase: operation.key };
        return (
          <li key={operation.key}>
            <button
              type="button"
              onPointerDown={(e) => onPointerDown(API_OPERATION_TYPE, e, preset)}
              onClick={() => !isDragClick() && onAdd(API_OPERATION_TYPE, preset)}
              title={`${operation.method} ${operation.path}`}
              className="flex w-full cursor-grab items-start gap-2.5 rounded-md p-2 text-left transition-colors select-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none active:cursor-grabbing"
            >
              <span className={cn("flex size-8 shrink-0 items-center justify-center rounded-md", style.tile)}>
                <FileCode2 className="size-4" />
              </span>
              <span className="min-w-0">
                <span className={cn("block text-sm leading-tight font-medium", operation.deprecated && "line-through")}>{operation.summary}</span>
                <span className="mt-0.5 block truncate font-mono text-[11px] text-muted-foreground">
                  {operation.method} {operation.path}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
