"use client";

import { useEffect, useState } from "react";
import { hasExpression, renderTemplate, type ExpressionScope } from "@/lib/document/expressions";

type Preview = { ok: true; value: unknown } | { ok: false; message: string };

/** The value a template gives with example data, evaluated in the browser by the engine's own interpolation. */
export function ExpressionPreview({ id, template, scope, source }: { id: string; template: string; scope: ExpressionScope; source: string | null }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const active = hasExpression(template);
  useEffect(() => {
    if (!active) return;
    let current = true;
    renderTemplate(template, scope).then(
      (value) => current && setPreview({ ok: true, value }),
      (error: Error) => current && setPreview({ ok: false, message: error.message }),
    );
    return () => {
      current = false;
    };
  }, [template, scope, active]);
  if (!active || !preview) return null;
  return (
    <div id={id} aria-live="polite" className="rounded-md border bg-muted/40 px-2 py-1.5 text-xs" data-testid="expression-preview">
      <span className="text-muted-foreground">Preview ({source ?? "no run or pinned data yet"}): </span>
      {preview.ok ? (
        <code className="font-mono break-words whitespace-pre-wrap">{show(preview.value)}</code>
      ) : (
        <span className="text-destructive">{preview.message}</span>
      )}
    </div>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "(empty)";
  return typeof value === "string" ? value : JSON.stringify(value);
}
