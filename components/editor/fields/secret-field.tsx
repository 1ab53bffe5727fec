"use client";

import { Eye, EyeOff, KeyRound } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { isMaskedSecret, MASKED_SECRET_PREFIX } from "@/lib/document/secret-fields";
import { describedBy, FieldShell } from "./field-shell";
import type { FieldProps } from "./types";

const HELP = "Stored encrypted; never shown again after saving.";

/**
 * A secret (signing secret, token). A stored one arrives masked (`$secret:••••abcd`) and is shown
 * as "Saved ••••abcd" with Replace; the mask is sent back unchanged (the server keeps the stored
 * value) unless a new plaintext is typed.
 */
export function SecretField({ id, field, value, onChange, errors, nested }: FieldProps) {
  const [saved] = useState(() => (isMaskedSecret(value) ? value : null));
  const [replacing, setReplacing] = useState(false);
  const [visible, setVisible] = useState(false);
  const help = field.description ?? (nested ? undefined : HELP);
  const masked = isMaskedSecret(value);
  const a11y = describedBy(id, { help, errors });

  if (masked && !replacing) {
    const hint = value.slice(MASKED_SECRET_PREFIX.length) || "••••";
    return (
      <FieldShell id={id} label={field.label} required={field.required} help={help} errors={errors}>
        <div className="flex items-center gap-2 rounded-md border bg-muted/40 px-2.5 py-1.5">
          <KeyRound className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
          <span id={id} className="min-w-0 flex-1 truncate text-sm" {...a11y}>
            Saved <span className="font-mono text-muted-foreground">{hint}</span>
          </span>
          <Button
            variant="outline"
            size="sm"
            className="h-7"
            onClick={() => {
              setReplacing(true);
              onChange(undefined);
            }}
          >
            Replace
          </Button>
        </div>
      </FieldShell>
    );
  }

  const text = typeof value === "string" && !masked ? value : "";
  return (
    <FieldShell id={id} label={field.label} required={field.required} help={help} errors={errors}>
      <div className="flex gap-1.5">
        <div className="relative flex-1">
          <Input
            id={id}
            type={visible ? "text" : "password"}
            value={text}
            onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
            placeholder={saved ? "New secret" : "Paste the secret"}
            autoComplete="new-password"
            spellCheck={false}
            className="pr-9 font-mono"
            {...a11y}
          />
          <Button
            variant="ghost"
            size="icon-sm"
            className="absolute top-1/2 right-1 size-7 -translate-y-1/2"
            aria-label={visible ? "Hide secret" : "Show secret"}
            onClick={() => setVisible((v) => !v)}
          >
            {visible ? <EyeOff /> : <Eye />}
          </Button>
        </div>
        {saved && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setReplacing(false);
              onChange(saved);
            }}
          >
            Keep saved
          </Button>
        )}
      </div>
    </FieldShell>
  );
}
