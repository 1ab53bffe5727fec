"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Inbox, RefreshCw, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { api, describeError } from "@/lib/client/api";
import { useCan } from "@/lib/client/access";
import type { WebhookTriggerOutput, WorkflowDetail } from "@/lib/client/types";
import { CopyButton } from "./copy-button";
import { WebhookTestEvent } from "./webhook-test-event";
import { workflowQueryKey } from "./workflow-query";

export function curlExample(url: string, payload = '{ "hello": "world" }') {
  return `curl -X POST '${url}' \\\n  -H 'content-type: application/json' \\\n  -d '${payload.replace(/'/g, "'\\''")}'`;
}

/** Replaces the workflow's webhook URL; the old one stops working at once. */
function useRegenerateUrl(workflowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<WorkflowDetail>(`/api/workflows/${encodeURIComponent(workflowId)}/webhook-url`, { method: "POST" }),
    onSuccess: (workflow) => client.setQueryData(workflowQueryKey(workflowId), (current: WorkflowDetail | undefined) => (current ? { ...current, webhookUrl: workflow.webhookUrl } : workflow)),
  });
}

/**
 * A webhook-triggered workflow's URL, how to call it, whether it accepts calls, its deliveries, and
 * "Listen for a test event" (editors): `onCaptured` receives a captured test event's trigger output
 * `{ method, headers, query, body }`, e.g. to pin it as the trigger's data. `app`: an app that
 * signs its calls (Slack) calls the URL, so no unsigned curl example is offered.
 */
export function WebhookDetails({ webhookUrl, active, app, onCaptured }: { webhookUrl?: string; active: boolean; app?: string; onCaptured?: (output: WebhookTriggerOutput) => void }) {
  const workflowId = String(useParams<{ id: string }>()?.id ?? "");
  const canEdit = useCan("editor");
  const testEvent = workflowId && canEdit ? <WebhookTestEvent workflowId={workflowId} curl={curlExample} onCaptured={onCaptured} /> : null;
  if (!webhookUrl) {
    return (
      <div className="space-y-3">
        <p className="rounded-md border border-dashed p-3 text-sm text-muted-foreground">Publish the workflow to get its URL.</p>
        {testEvent}
      </div>
    );
  }
  return <ProductionUrl webhookUrl={webhookUrl} active={active} app={app} workflowId={workflowId} testEvent={testEvent} />;
}

function ProductionUrl({ webhookUrl, active, app, workflowId, testEvent }: { webhookUrl: string; active: boolean; app?: string; workflowId: string; testEvent: ReactNode }) {
  const id = useId();
  const regenerate = useRegenerateUrl(workflowId);
  const [confirming, setConfirming] = useState(false);
  const curl = curlExample(webhookUrl);
  const confirm = () =>
    regenerate.mutate(undefined, {
      onSuccess: () => {
        toast.success("New webhook URL", { description: "The old URL answers 404 from now on." });
        setConfirming(false);
      },
      onError: (error) => toast.error(describeError(error)),
    });
  return (
    <div className="space-y-3">
      <div className="space-y-1.5">
        <Label htmlFor={id}>Webhook URL</Label>
        <div className="flex gap-1.5">
          <Input id={id} readOnly value={webhookUrl} onFocus={(e) => e.target.select()} className="font-mono text-xs" />
          <CopyButton text={webhookUrl} what="webhook URL" />
        </div>
        <p className="text-xs text-muted-foreground">
          {app ? `${app} calls it to start a run.` : "Call it to start a run."} Expressions see the request as <code className="font-mono">trigger</code>: {"{ method, headers, query, body }"}.
        </p>
        <div className="flex flex-wrap gap-1.5 pt-0.5">
          {workflowId && (
            <Button asChild variant="outline" size="sm" className="h-7">
              <Link href={`/workflows/${workflowId}/deliveries`}>
                <Inbox />
                Deliveries
              </Link>
            </Button>
          )}
          <Button variant="ghost" size="sm" className="h-7" onClick={() => setConfirming(true)} disabled={!workflowId}>
            <RefreshCw />
            Regenerate URL
          </Button>
        </div>
      </div>
      {!active && (
        <p className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 p-2.5 text-xs text-amber-800 dark:text-warning">
          <TriangleAlert className="mt-px size-3.5 shrink-0" />
          The workflow is inactive, so this URL refuses calls. Switch Active on to accept them.
        </p>
      )}
      {!app && (
        <div className="space-y-1.5">
          <div className="flex items-center justify-between">
            <span className="text-sm font-medium">Try it</span>
            <CopyButton text={curl} what="curl command" />
          </div>
          <pre className="overflow-x-auto rounded-md border bg-muted/60 p-3 font-mono text-[11px] leading-relaxed">{curl}</pre>
        </div>
      )}
      {testEvent}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Regenerate the webhook URL?"
        description="The current URL stops working at once: senders still using it get 404 until you give them the new one. Use this when the URL leaked."
        confirmLabel="Regenerate URL"
        pending={regenerate.isPending}
        onConfirm={confirm}
      />
    </div>
  );
}
