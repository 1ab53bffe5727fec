"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Eraser, Loader2 } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { RelativeTime } from "@/components/runs/relative-time";
import { useNow } from "@/components/runs/use-now";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan } from "@/lib/client/access";
import { api, ApiRequestError, describeError } from "@/lib/client/api";
import { formatDateTime, formatRelative } from "@/lib/client/format";

interface SettingsResponse {
  settings: { retentionDays: number };
  defaults: { retentionDays: number };
}

interface RetentionPass {
  cutoff: string;
  retentionDays: number;
  deletedRuns: number;
  endedAt: string;
}

interface RetentionStatus {
  retentionDays: number;
  running: boolean;
  last: RetentionPass | null;
  lastError: string | null;
  nextAt: string | null;
}

/** How long finished runs are kept, and the cleanup job that enforces it. */
export function RetentionSettings() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ["settings"], queryFn: () => api<SettingsResponse>("/api/settings") });
  const status = useQuery({ queryKey: ["settings", "retention"], queryFn: () => api<RetentionStatus>("/api/settings/retention"), refetchInterval: 10_000 });
  const inputId = useId();
  const owner = useCan("owner");
  const [draft, setDraft] = useState<string | null>(null);
  const saved = settings.data?.settings.retentionDays;
  const text = draft ?? (saved === undefined ? "" : String(saved));

  const save = useMutation({
    mutationFn: (retentionDays: number) => api<SettingsResponse>("/api/settings", { method: "PUT", body: { retentionDays } }),
    onSuccess: (data) => {
      queryClient.setQueryData(["settings"], data);
      setDraft(null);
      toast.success(`Finished runs are now kept for ${data.settings.retentionDays} days`);
    },
  });
  const clean = useMutation({
    mutationFn: () => api<RetentionPass>("/api/settings/retention", { method: "POST" }),
    onSuccess: (pass) => {
      toast.success(pass.deletedRuns ? `Deleted ${pass.deletedRuns.toLocaleString()} runs that ended before ${new Date(pass.cutoff).toLocaleDateString()}` : "Nothing to delete: no finished run is older than the setting");
      void queryClient.invalidateQueries({ queryKey: ["settings", "retention"] });
      void queryClient.invalidateQueries({ queryKey: ["runs"] });
    },
    onError: (error) => toast.error(`Cleanup failed: ${describeError(error)}`),
  });

  const value = Number(text);
  const localError = text.trim() === "" ? "Enter a number of days" : !Number.isInteger(value) || value < 1 || value > 3650 ? "Use a whole number of days from 1 to 3650" : null;
  const serverError = save.error instanceof ApiRequestError ? (save.error.issues[0]?.message ?? save.error.message) : save.error ? describeError(save.error) : null;
  const error = draft !== null ? (localError ?? serverError) : null;
  const dirty = draft !== null && value !== saved;

  return (
    <Card>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!localError && dirty) save.mutate(value);
        }}
      >
        <CardHeader>
          <CardTitle className="text-base">Run history retention</CardTitle>
          <CardDescription>
            Finished runs (completed, failed or cancelled) are deleted with their steps and attempts this many days after they ended, in small batches every hour, so the database does not
            keep growing. Runs still in progress are never deleted.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          {settings.isPending ? (
            <Skeleton className="h-16 w-64" />
          ) : settings.isError ? (
            <p className="text-sm text-destructive">Could not load the settings: {describeError(settings.error)}</p>
          ) : (
            <div className="grid gap-1.5">
              <Label htmlFor={inputId}>Keep finished runs for</Label>
              <div className="flex items-center gap-2">
                <Input
                  id={inputId}
                  inputMode="numeric"
                  value={text}
                  onChange={(event) => setDraft(event.target.value)}
                  readOnly={!owner}
                  aria-invalid={Boolean(error)}
                  aria-describedby={`${inputId}-help`}
                  className="w-28 tabular-nums"
                />
                <span className="text-sm text-muted-foreground">days</span>
              </div>
              <p id={`${inputId}-help`} className={error ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
                {error ?? `Default ${settings.data.defaults.retentionDays} days.`}
              </p>
            </div>
          )}
          <RetentionStatusLine status={status.data} />
        </CardContent>
        {owner && (
        <CardFooter className="justify-between gap-2 border-t pt-4">
          <Button type="button" variant="outline" onClick={() => clean.mutate()} disabled={clean.isPending || status.data?.running}>
            {clean.isPending ? <Loader2 className="animate-spin" /> : <Eraser />}
            Clean up now
          </Button>
          <Button type="submit" disabled={!dirty || Boolean(localError) || save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </Button>
        </CardFooter>
        )}
      </form>
    </Card>
  );
}

function RetentionStatusLine({ status }: { status: RetentionStatus | undefined }) {
  const now = useNow(10_000);
  if (!status) return null;
  return (
    <p className="text-xs text-muted-foreground" aria-live="polite">
      {status.running ? (
        "Cleaning up now…"
      ) : status.last ? (
        <>
          Last cleanup <RelativeTime iso={status.last.endedAt} />: {status.last.deletedRuns.toLocaleString()} runs deleted.
        </>
      ) : (
        "No cleanup has run since the server started."
      )}
      {status.lastError && <span className="text-destructive"> The last cleanup failed: {status.lastError}</span>}
      {status.nextAt && !status.running && (
        <>
          {" "}
          Next <time dateTime={status.nextAt} title={formatDateTime(status.nextAt)}>{Date.parse(status.nextAt) > now ? formatRelative(status.nextAt) : "in a moment"}</time>.
        </>
      )}
    </p>
  );
}
