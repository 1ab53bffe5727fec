import { Inbox, Radio } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";

/**
 * What an app trigger does with the workflow's webhook URL: the app is subscribed to it while the
 * workflow is live, or (`setup`) the user pastes it into the app's settings as that text says.
 */
export function AppTriggerDetails({ app, setup }: { app: string; setup?: string }) {
  const workflowId = String(useParams<{ id: string }>()?.id ?? "");
  return (
    <div className="space-y-2 rounded-lg border bg-muted/30 p-3 text-sm" data-testid="app-trigger-details">
      <p className="flex items-start gap-2">
        <Radio className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
        {setup ? (
          <span>
            Give {app} the webhook URL below. {setup} Signatures are checked; repeats and events not chosen here start no run.
          </span>
        ) : (
          <span>
            When this workflow is published and on, Switchboard registers its webhook URL with {app}, which then sends these events to it. Switching it off or deleting it removes the
            registration. Every delivery&rsquo;s signature is checked, and repeats start nothing.
          </span>
        )}
      </p>
      {/* With `setup` the webhook details below link to the deliveries. */}
      {workflowId && !setup && (
        <Link href={`/workflows/${workflowId}/deliveries`} className="inline-flex items-center gap-1 text-xs font-medium text-primary hover:underline">
          <Inbox className="size-3" aria-hidden />
          Deliveries
        </Link>
      )}
    </div>
  );
}
