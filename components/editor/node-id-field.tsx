"use client";

import { useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { nodeIdError } from "@/lib/editor/node-id";

interface NodeIdFieldProps {
  nodeId: string;
  allIds: string[];
  onRename: (to: string) => void;
}

/**
 * The node id, renamed on Enter or when leaving the field. An id that is invalid or taken is
 * explained and never applied; leaving the field then restores the current id.
 */
export function NodeIdField({ nodeId, allIds, onRename }: NodeIdFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(nodeId);
  const error = nodeIdError(draft, nodeId, allIds);

  const commit = () => {
    if (error) setDraft(nodeId);
    else if (draft !== nodeId) onRename(draft);
  };

  return (
    <div className="space-y-1">
      <div className="flex items-center gap-3">
        <Label htmlFor={id} className="w-14 shrink-0 text-xs text-muted-foreground">
          Node id
        </Label>
        <Input
          id={id}
          value={draft}
          onChange={(e) => setDraft(e.target.value.trim())}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !error) commit();
            if (e.key === "Escape") setDraft(nodeId);
          }}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help`}
          className="h-7 font-mono text-xs"
        />
      </div>
      <p id={`${id}-help`} className={error ? "pl-17 text-xs font-medium text-destructive" : "pl-17 text-xs text-muted-foreground"} role={error ? "alert" : undefined}>
        {error ?? (
          <>
            Later steps read its output as <code className="font-mono">steps.{nodeId}</code>
          </>
        )}
      </p>
    </div>
  );
}
