import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** What a run's pages show for a run id that does not exist (any more). */
export function RunNotFound() {
  return (
    <EmptyState
      icon={SearchX}
      title="Run not found"
      description="This run does not exist, or it was deleted with its workflow or by the retention setting."
      action={
        <Button asChild variant="outline">
          <Link href="/runs">See all runs</Link>
        </Button>
      }
    />
  );
}
