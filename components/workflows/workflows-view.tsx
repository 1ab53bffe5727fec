"use client";

import { AlertTriangle, LayoutTemplate, Plus, Upload } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { useCan } from "@/lib/client/access";
import { describeError } from "@/lib/client/api";
import { ImportWorkflowDialog } from "./import-workflow-dialog";
import { NewWorkflowDialog } from "./new-workflow-dialog";
import { useWorkflows } from "./workflow-queries";
import { WorkflowsEmptyState } from "./workflows-empty-state";
import { WorkflowsSkeleton } from "./workflows-skeleton";
import { WorkflowsTable } from "./workflows-table";

export function WorkflowsView() {
  const workflows = useWorkflows();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const canEdit = useCan("editor");

  return (
    <div className="mx-auto max-w-6xl p-8">
      <PageHeader
        title="Workflows"
        description="Automations that start from a trigger and run their steps durably."
        actions={
          canEdit && (
          <>
            <Button variant="outline" asChild>
              <Link href="/templates">
                <LayoutTemplate aria-hidden />
                Templates
              </Link>
            </Button>
            <Button variant="outline" onClick={() => setImporting(true)}>
              <Upload aria-hidden />
              Import
            </Button>
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New workflow
            </Button>
          </>
          )
        }
      />
      {workflows.isPending ? (
        <WorkflowsSkeleton />
      ) : workflows.isError ? (
        <EmptyState
          icon={AlertTriangle}
          title="Couldn’t load workflows"
          description={describeError(workflows.error)}
          action={
            <Button variant="outline" onClick={() => workflows.refetch()}>
              Try again
            </Button>
          }
        />
      ) : workflows.data.length === 0 ? (
        <WorkflowsEmptyState onCreate={() => setCreating(true)} />
      ) : (
        <WorkflowsTable workflows={workflows.data} />
      )}
      <NewWorkflowDialog open={creating} onOpenChange={setCreating} />
      <ImportWorkflowDialog open={importing} onOpenChange={setImporting} />
    </div>
  );
}
