import { Check, Loader2 } from "lucide-react";

/**
 * "Unsaved changes" / "Saving…" / "Saved · draft not published" / "Saved · v5 published",
 * announced politely to screen readers.
 */
export function SaveStatus({ dirty, saving, unpublished, version }: { dirty: boolean; saving: boolean; unpublished: boolean; version: number }) {
  return (
    <span role="status" className="flex shrink-0 items-center gap-1.5 text-xs text-muted-foreground">
      {saving ? (
        <>
          <Loader2 className="size-3.5 animate-spin" />
          Saving…
        </>
      ) : dirty ? (
        <>
          <span aria-hidden className="size-2 rounded-full bg-warning" />
          Unsaved changes
        </>
      ) : unpublished ? (
        <>
          <span aria-hidden className="size-2 rounded-full bg-primary" />
          Saved · draft not published
        </>
      ) : (
        <>
          <Check className="size-3.5 text-success" />
          Saved · v{version} published
        </>
      )}
    </span>
  );
}
