"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { copyText } from "./copy";

/** An icon button that copies `text` and shows a check for a moment. */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await copyText(text, what);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <Button variant="outline" size="icon" aria-label={`Copy ${what}`} onClick={copy} className="shrink-0">
      {copied ? <Check className="text-success" /> : <Copy />}
    </Button>
  );
}
