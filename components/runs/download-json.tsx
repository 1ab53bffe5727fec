"use client";

import { Download, Loader2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

type DownloadJsonButtonProps = { fileName: string; label: string; showLabel?: boolean; className?: string } & ({ value: unknown; url?: never } | { url: string; value?: never });

/** Saves a JSON value as a file: the value in hand, or the whole value fetched from the API. */
export function DownloadJsonButton({ fileName, label, showLabel, className, ...source }: DownloadJsonButtonProps) {
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    try {
      let blob: Blob;
      if (source.url !== undefined) {
        const response = await fetch(source.url);
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        blob = await response.blob();
      } else {
        blob = new Blob([JSON.stringify(source.value, null, 2)], { type: "application/json" });
      }
      const href = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = href;
      link.download = `${fileName.replace(/[^A-Za-z0-9_.-]+/g, "-")}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (error) {
      toast.error(`Could not download: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  const Icon = busy ? Loader2 : Download;
  return showLabel ? (
    <Button variant="outline" size="sm" className={cn("h-7", className)} onClick={download} disabled={busy}>
      <Icon className={busy ? "animate-spin" : undefined} aria-hidden />
      {label}
    </Button>
  ) : (
    <Button variant="ghost" size="icon-sm" className={cn("text-muted-foreground", className)} onClick={download} disabled={busy} aria-label={label} title={label}>
      <Icon className={busy ? "animate-spin" : undefined} aria-hidden />
    </Button>
  );
}
