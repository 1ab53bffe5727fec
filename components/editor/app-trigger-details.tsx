import { Inbox, Radio } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";

/**
 * How an app trigger learns of events: what it does with the workflow's webhook URL: the app is subscribed to it while the
 * workflow is live, or (`setup`) the user pastes it into the app's settings as that text says.
 * `pings`: the app only notifies that something changed, and the changes are fetched (Airtable).
 * `polls`: the app has no webhooks for it and is asked for new items on an interval (Google Sheets).
 */
export function AppTriggerDetails({ app, setup, pings, polls }: { app: string; setup?: string; pings?: boolean; polls?: boolean }) {
  const workflowId = String(useParams<{ id: string }>()?.id ?? "");
  return (
    <div className="space-y-2 rounded-lg border bg-muted/30 p-3 text-sm" data-testid="app-trigger-details">
      <p className="flex items-start gap-2">
        <Radio className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
        {polls ? (
          <span>
            {app} calls no webhooks for this, so while this workflow is published and on, Switchboard asks {app} for new items every &ldquo;Poll every&rdquo;. The first poll only notes
            what is there (unless you ask for the items already there); then each new item starts one run, and an item never starts two.
          </span>
        ) : setup ? (
          <span>
            Give {app} the webhook URL below. {setup} Signatures are checked; repeats and events not chosen here start no run.
          </span>
        ) : pings ? (
          <span>
            When this workflow is published and on, Switchboard registers its webhook URL with {app} and refreshes the registration before it expires. {app} notifies it of changes,
            which Switchboard then fetches: each record changed starts one run. Switching the workflow off or deleting it removes the registration. Notifications&rsquo; signatures are
            checked, and a change never starts two runs.
          </span>
        ) : (
          <span>
            When this workflow is published and on, Switchboard registers its webhook URL with {app}, which then sends these events to it. Switching it off or deleting it removes the
            registration. Every delivery&rsquo;s signature is checked, and repeats start nothing.
          </span>
        )}
      </p>
      {/* With `setup` the webhook details below link to the deliveries. */}
      {workflowId && !setup && !polls && (
        <Link href={`/workflows/${workflowId}/deliveries`} className="inline-flex items-center gap-1 text-xs font-medium text-primary hover:underline">
          <Inbox className="size-3" aria-hidden />
          Deliveries
        </Link>
      )}
    </div>
  );
}
