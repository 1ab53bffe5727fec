import { LayoutTemplate, Plus, Workflow } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function WorkflowsEmptyState({ onCreate }: { onCreate: () => void }) {
  return (
    <EmptyState
      icon={Workflow}
      title="No workflows yet"
      description="A workflow starts from a trigger (a webhook call or a manual run) and passes the data through steps that reshape it, call APIs, branch and wait. Every run is recorded step by step so you can see what happened."
      action={
        <div className="mt-2 flex flex-wrap justify-center gap-2">
          <Button onClick={onCreate}>
            <Plus aria-hidden />
            Create workflow
          </Button>
          <Button variant="outline" asChild>
            <Link href="/templates">
              <LayoutTemplate aria-hidden />
              Browse templates
            </Link>
          </Button>
        </div>
      }
    />
  );
}
