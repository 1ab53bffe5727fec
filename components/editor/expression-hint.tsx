"use client";

import { Braces } from "lucide-react";
import { copyText } from "./copy";

/** The data a node's expressions can read, as chips that copy their reference. */
export function ExpressionHint({ upstreamStepIds }: { upstreamStepIds: string[] }) {
  const references = ["trigger", "input", ...upstreamStepIds.map((id) => `steps.${id}`)];
  return (
    <div className="space-y-2 rounded-md border bg-muted/40 p-3">
      <p className="flex items-center gap-1.5 text-xs font-medium">
        <Braces className="size-3.5 text-muted-foreground" />
        Data you can use in expressions
      </p>
      <ul className="flex flex-wrap gap-1">
        {references.map((reference) => (
          <li key={reference}>
            <button
              type="button"
              onClick={() => copyText(reference, reference)}
              title={`Copy “${reference}”`}
              className="rounded border bg-card px-1.5 py-0.5 font-mono text-[11px] transition-colors hover:border-primary hover:text-primary focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            >
              {reference}
            </button>
          </li>
        ))}
      </ul>
      <p className="text-[11px] text-muted-foreground">
        <code className="font-mono">input</code> is the output of the node right before this one.
      </p>
    </div>
  );
}
