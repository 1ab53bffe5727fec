import type { WorkflowSummary } from "@/lib/client/types";
import { isPolled, receivesWebhooks } from "@/lib/nodes";
import { RelativeTime } from "@/components/runs/relative-time";
import { TriggerLabel } from "./trigger-label";

const AUTOMATIC = new Set(["trigger.schedule", "trigger.event"]);

/** The trigger type, what it listens for, and when it last started a run. */
export function TriggerCell({ workflow }: { workflow: WorkflowSummary }) {
  const automatic = !!workflow.triggerType && (AUTOMATIC.has(workflow.triggerType) || isPolled(workflow.triggerType) || receivesWebhooks(workflow.triggerType));
  return (
    <div className="min-w-0 space-y-0.5">
      <TriggerLabel type={workflow.triggerType} />
      {automatic && (
        <div className="space-y-px pl-8 text-xs text-muted-foreground">
          {workflow.triggerDetail && (
            <p className="max-w-64 truncate" title={workflow.triggerDetail}>
              {workflow.triggerDetail}
            </p>
          )}
          <p>
            {workflow.lastTriggeredAt ? (
              <>
                Last triggered <RelativeTime iso={workflow.lastTriggeredAt} />
              </>
            ) : (
              "Not triggered yet"
            )}
          </p>
        </div>
      )}
    </div>
  );
}
