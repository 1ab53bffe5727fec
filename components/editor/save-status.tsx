import { Check, Loader2 } from "lucide-react";

/** "Saved" / "Unsaved changes" / "Saving…", announced politely to screen readers. */
export function SaveStatus({ dirty, saving }: { dirty: boolean; saving: boolean }) {
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
      ) : (
        <>
          <Check className="size-3.5 text-success" />
          Saved
        </>
      )}
    </span>
  );
}
