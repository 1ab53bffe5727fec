"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2, Pin, Radio, TriangleAlert } from "lucide-react";
import { useEffect, useId, useRef } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { api, describeError } from "@/lib/client/api";
import type { TestEventView, WebhookTriggerOutput } from "@/lib/client/types";
import { CopyButton } from "./copy-button";

const POLL_MS = 1000;

const testEventKey = (workflowId: string) => ["workflow-test-event", workflowId] as const;

/** The workflow's test-event session (GET /api/workflows/:id/test-event), polled while it listens. */
function useTestEvent(workflowId: string) {
  const client = useQueryClient();
  const url = `/api/workflows/${encodeURIComponent(workflowId)}/test-event`;
  const query = useQuery({
    queryKey: testEventKey(workflowId),
    queryFn: () => api<TestEventView>(url),
    refetchInterval: (q) => (q.state.data?.state === "listening" ? POLL_MS : false),
  });
  const set = (view: TestEventView) => client.setQueryData(testEventKey(workflowId), view);
  const start = useMutation({ mutationFn: () => api<TestEventView>(url, { method: "POST" }), onSuccess: set, onError: (error) => toast.error(describeError(error)) });
  const stop = useMutation({ mutationFn: () => api<void>(url, { method: "DELETE" }), onSuccess: () => set({ state: "idle" }), onError: (error) => toast.error(describeError(error)) });
  return { view: query.data, start, stop };
}

/**
 * "Listen for a test event": a test URL that captures the next request as this trigger's output
 * (`{ method, headers, query, body }`) without starting a run. The captured event stays shown here
 * with a copy button, and is handed to `onCaptured` once, when it arrives while this is open.
 */
export function WebhookTestEvent({ workflowId, curl, onCaptured }: { workflowId: string; curl: (url: string) => string; onCaptured?: (output: WebhookTriggerOutput) => void }) {
  const id = useId();
  const { view, start, stop } = useTestEvent(workflowId);
  // Sessions seen listening here: only their capture is handed on (not one left from an earlier visit).
  const awaited = useRef(new Set<string>());
  const onCapturedRef = useRef(onCaptured);
  useEffect(() => {
    onCapturedRef.current = onCaptured;
  });
  useEffect(() => {
    if (view?.state === "listening") awaited.current.add(view.sessionId);
    if (view?.state === "captured" && awaited.current.delete(view.sessionId)) {
      toast.success("Test event captured");
      onCapturedRef.current?.(view.output);
    }
  }, [view]);

  const listenButton = (label: string) => (
    <Button variant="outline" size="sm" className="h-7" onClick={() => start.mutate()} disabled={start.isPending}>
      {start.isPending ? <Loader2 className="animate-spin" /> : <Radio />}
      {label}
    </Button>
  );

  return (
    <div className="space-y-2 rounded-md border p-3" data-testid="webhook-test-event">
      <span className="text-sm font-medium">Test event</span>
      {(!view || view.state === "idle" || view.state === "expired") && (
        <>
          <p className="text-xs text-muted-foreground">Capture one real request to a test URL as this trigger&apos;s sample data. No run starts, whether the workflow is active or not.</p>
          {view?.state === "expired" && <p className="text-xs text-muted-foreground">No test event arrived within 2 minutes.</p>}
          {listenButton("Listen for a test event")}
        </>
      )}
      {view?.state === "listening" && (
        <>
          <div className="space-y-1.5">
            <Label htmlFor={id}>Test URL</Label>
            <div className="flex gap-1.5">
              <Input id={id} readOnly value={view.testUrl} onFocus={(e) => e.target.select()} className="font-mono text-xs" />
              <CopyButton text={view.testUrl} what="test URL" />
            </div>
          </div>
          <p role="status" className="flex items-center gap-1.5 text-xs text-muted-foreground">
            <Loader2 className="size-3.5 animate-spin" />
            Waiting for a test event…
            <Button variant="link" size="sm" className="h-auto p-0 text-xs" onClick={() => stop.mutate()} disabled={stop.isPending}>
              (stop)
            </Button>
          </p>
          {view.lastRejection && (
            <p className="flex gap-2 rounded-md border border-warning/40 bg-warning/10 p-2 text-xs text-amber-800 dark:text-warning">
              <TriangleAlert className="mt-px size-3.5 shrink-0" />
              Last request refused ({view.lastRejection.status}): {view.lastRejection.reason}. Still listening.
            </p>
          )}
          <div className="flex items-center justify-between">
            <span className="text-xs text-muted-foreground">Send one with curl</span>
            <CopyButton text={curl(view.testUrl)} what="test curl command" />
          </div>
        </>
      )}
      {view?.state === "captured" && (
        <>
          <div className="flex items-center justify-between gap-2">
            <span className="text-xs text-muted-foreground">
              Captured {view.output.method} at {new Date(view.capturedAt).toLocaleTimeString()}
            </span>
            <CopyButton text={JSON.stringify(view.output, null, 2)} what="test event" />
          </div>
          <pre data-testid="captured-test-event" className="max-h-64 overflow-auto rounded-md border bg-muted/60 p-3 font-mono text-[11px] leading-relaxed">
            {JSON.stringify(view.output, null, 2)}
          </pre>
          <div className="flex flex-wrap gap-1.5">
            {onCaptured && (
              <Button variant="outline" size="sm" className="h-7" onClick={() => onCaptured(view.output)}>
                <Pin />
                Pin as sample
              </Button>
            )}
            {listenButton("Listen again")}
            <Button variant="ghost" size="sm" className="h-7" onClick={() => stop.mutate()} disabled={stop.isPending}>
              Clear
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
