"use client";

import { FileQuestion, RotateCw, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ApiRequestError, describeError } from "@/lib/client/api";

/** Instead of the editor: a friendly 404, or the error with a way to try again. */
export function EditorLoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const notFound = error instanceof ApiRequestError && error.status === 404;
  return (
    <div className="mx-auto flex h-full max-w-xl items-center p-8">
      {notFound ? (
        <EmptyState
          className="w-full"
          icon={FileQuestion}
          title="Workflow not found"
          description="It may have been deleted, or the link is wrong."
          action={
            <Button asChild>
              <Link href="/workflows">Back to workflows</Link>
            </Button>
          }
        />
      ) : (
        <EmptyState
          className="w-full"
          icon={TriangleAlert}
          title="Could not load the workflow"
          description={describeError(error)}
          action={
            <Button variant="outline" onClick={onRetry}>
              <RotateCw />
              Try again
            </Button>
          }
        />
      )}
    </div>
  );
}
