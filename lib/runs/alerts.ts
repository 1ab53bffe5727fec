import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db } from "@/lib/db/client";
import type { SerializedError } from "@/lib/json";
import { metrics, safely } from "@/lib/metrics";
import { DEFAULT_ALERT_EVERY_MINUTES, type AlertSettings } from "@/lib/workflow/schema";

const ALERT_TIMEOUT_MS = 10_000;

export interface FailedRunAlert {
  runId: string;
  workflowId: string;
  workflowName: string;
  triggerKind?: string;
  error: SerializedError;
}

/**
 * Tells the workflow's alert webhook that a run failed, at most once per `everyMinutes` per
 * workflow (a durable timestamp, so restarts and several processes keep the limit). Failures in
 * between are counted and reported with the next alert. Delivery is best effort: a failed POST is
 * logged and counted in the metrics, never retried and never fails the run's bookkeeping.
 */
export async function alertRunFailed(alerts: AlertSettings | undefined, failure: FailedRunAlert): Promise<"sent" | "suppressed" | "failed" | "off"> {
  if (!alerts?.webhookUrl) return "off";
  const claim = await claimAlert(failure.workflowId, (alerts.everyMinutes ?? DEFAULT_ALERT_EVERY_MINUTES) * 60_000);
  if (!claim.send) {
    safely(() => metrics().alerts.inc({ outcome: "suppressed" }));
    return "suppressed";
  }
  const origin = process.env.PUBLIC_URL?.replace(/\/+$/, "");
  const path = `/runs/${failure.runId}`;
  const where = failure.error.nodeId ? ` at step ${failure.error.nodeId}` : "";
  const body = {
    type: "run.failed",
    text: `Switchboard: a run of “${failure.workflowName}” failed${where}: ${failure.error.message}${claim.suppressed ? ` (${claim.suppressed} more failures since the last alert)` : ""}`,
    workflow: { id: failure.workflowId, name: failure.workflowName },
    run: { id: failure.runId, path, ...(origin ? { url: `${origin}${path}` } : {}), triggerKind: failure.triggerKind ?? null, error: failure.error, failedAt: new Date().toISOString() },
    suppressedSinceLastAlert: claim.suppressed,
  };
  try {
    const response = await fetch(alerts.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Switchboard-Alerts" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ALERT_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`answered ${response.status}`);
    safely(() => metrics().alerts.inc({ outcome: "sent" }));
    return "sent";
  } catch (error) {
    console.error(`[alerts] could not notify ${new URL(alerts.webhookUrl).host} about run ${failure.runId}: ${(error as Error).message}`);
    safely(() => metrics().alerts.inc({ outcome: "failed" }));
    return "failed";
  }
}

/** Claims the workflow's alert slot when the last alert is older than `everyMs`; otherwise counts a suppressed failure. */
async function claimAlert(workflowId: string, everyMs: number): Promise<{ send: boolean; suppressed: number }> {
  const now = new Date();
  try {
    await db().alertState.create({ data: { workflowId, lastSentAt: now } });
    return { send: true, suppressed: 0 };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  const previous = await db().alertState.findUnique({ where: { workflowId } });
  const { count } = await db().alertState.updateMany({ where: { workflowId, lastSentAt: { lte: new Date(now.getTime() - everyMs) } }, data: { lastSentAt: now, suppressed: 0 } });
  if (count) return { send: true, suppressed: previous?.suppressed ?? 0 };
  await db().alertState.updateMany({ where: { workflowId }, data: { suppressed: { increment: 1 } } });
  return { send: false, suppressed: 0 };
}
