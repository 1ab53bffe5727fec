"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Check, Loader2, Sparkles, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { MappingSuggestion } from "@/lib/ai/suggest-mapping";
import { AssistantError } from "@/components/ai/assistant-error";
import { api } from "@/lib/client/api";
import { configFields } from "@/lib/editor/field-model";
import { getNodeDefinition } from "@/lib/nodes";
import type { AppSettings } from "@/lib/settings";
import { useNodeData } from "./node-data-context";

type Config = Record<string, unknown>;
type Change = { op?: string; field?: string; value?: unknown };

/** Form fields a mapping can fill: text the user would otherwise type an expression into. */
const MAPPABLE = new Set(["text", "textarea", "json"]);

/** The fields the model is asked to fill: an app action's text fields, or the fields an Edit fields node sets. */
function mappingTargets(type: string, config: Config): { field: string; description?: string }[] {
  if (type === "transform.set") {
    return ((config.changes as Change[] | undefined) ?? []).flatMap((c) => (c.op === "set" && c.field ? [{ field: c.field }] : []));
  }
  const definition = getNodeDefinition(type);
  if (!definition?.app) return [];
  return configFields(definition.config)
    .filter((f) => MAPPABLE.has(f.kind))
    .map((f) => ({ field: f.key, description: [f.label, f.description].filter(Boolean).join(": ") }));
}

function applySuggestion(type: string, config: Config, { field, value }: MappingSuggestion): Config {
  if (type !== "transform.set") return { ...config, [field]: value };
  return { ...config, changes: ((config.changes as Change[] | undefined) ?? []).map((c) => (c.op === "set" && c.field === field ? { ...c, value } : c)) };
}

/**
 * "Suggest mapping" on app actions and Edit fields: the workspace's model reads the node's example
 * input (pinned or from the last run) and the fields to fill, and proposes an expression per field;
 * the user accepts them one by one (each an ordinary, undoable edit) or dismisses them.
 */
export function SuggestMapping({ type, config, onChange }: { type: string; config: Config; onChange: (update: (config: Config) => Config) => void }) {
  const data = useNodeData();
  // Off while the workspace has no model connection chosen in Settings (the same query the Settings page reads).
  const settings = useQuery({ queryKey: ["settings"], queryFn: () => api<{ settings: AppSettings }>("/api/settings"), staleTime: 60_000 });
  const example = data?.scope.input;
  const targets = mappingTargets(type, config);
  const [open, setOpen] = useState<MappingSuggestion[]>([]);
  const suggest = useMutation({
    mutationFn: () => api<{ mappings: MappingSuggestion[] }>("/api/ai/suggest-mapping", { method: "POST", body: { example, target: targets } }),
    onSuccess: (answer) => setOpen(answer.mappings),
  });
  if (!targets.length || !settings.data?.settings.aiConnectionId) return null;
  const dismiss = (field: string) => setOpen((list) => list.filter((m) => m.field !== field));

  return (
    <section aria-label="Suggest mapping" className="space-y-2 rounded-lg border bg-muted/30 p-3">
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground">{example === undefined ? "Run the workflow or pin data upstream to give the model an example." : "Let the AI model map the input to these fields."}</p>
        <Button type="button" size="sm" variant="outline" disabled={example === undefined || suggest.isPending} onClick={() => suggest.mutate()}>
          {suggest.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Sparkles aria-hidden />}
          Suggest mapping
        </Button>
      </div>
      {suggest.isError && <AssistantError error={suggest.error} className="text-xs" />}
      {suggest.isSuccess && !open.length && <p className="text-xs text-muted-foreground">No more suggestions.</p>}
      {open.length > 0 && (
        <ul aria-label="Suggested mappings" className="space-y-1.5">
          {open.map((m) => (
            <li key={m.field} className="rounded-md border bg-card p-2 text-xs">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium">{m.field}</p>
                  <code className="block font-mono break-all">{m.value}</code>
                  <p className="text-muted-foreground">{m.reason}</p>
                </div>
                <div className="flex shrink-0 gap-1">
                  <Button
                    type="button"
                    size="icon-sm"
                    variant="outline"
                    aria-label={`Use the suggestion for ${m.field}`}
                    onClick={() => {
                      onChange((current) => applySuggestion(type, current, m));
                      dismiss(m.field);
                    }}
                  >
                    <Check aria-hidden />
                  </Button>
                  <Button type="button" size="icon-sm" variant="ghost" aria-label={`Dismiss the suggestion for ${m.field}`} onClick={() => dismiss(m.field)}>
                    <X aria-hidden />
                  </Button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
