import Link from "next/link";
import { ApiRequestError, describeError } from "@/lib/client/api";
import { cn } from "@/lib/utils";

/** A failed AI assistance request; when assistance is off (409), a link to Settings, where a model connection is chosen. */
export function AssistantError({ error, className }: { error: unknown; className?: string }) {
  const off = error instanceof ApiRequestError && error.status === 409;
  return (
    <p role="alert" className={cn("text-destructive", className)}>
      {describeError(error)}
      {off && (
        <>
          {" "}
          <Link href="/settings" className="underline underline-offset-4">
            Open Settings
          </Link>
        </>
      )}
    </p>
  );
}
