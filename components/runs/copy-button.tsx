"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** Copies `text` to the clipboard and shows a check mark for a moment. Pass a function to build large text only on click. */
export function CopyButton({ text, label, className }: { text: string | (() => string); label: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(typeof text === "function" ? text() : text);
      setCopied(true);
    } catch {
      toast.error("Could not copy: the browser blocked clipboard access");
    }
  }

  return (
    <Button variant="ghost" size="icon-sm" className={cn("text-muted-foreground", className)} onClick={copy} aria-label={copied ? "Copied" : label} title={label}>
      {copied ? <Check className="text-success" /> : <Copy />}
    </Button>
  );
}
