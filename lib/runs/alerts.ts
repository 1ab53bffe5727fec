import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { db } from "@/lib/db/client";
import type { SerializedError } from "@/lib/json";
import { metrics, safely } from "@/lib/metrics";
import { sendEmail } from "@/lib/connections/clients";
import { loadConnection } from "@/lib/connections/store";
import { DEFAULT_ALERT_EVERY_MINUTES, type AlertSettings } from "@/lib/document/schema";

const ALERT_TIMEOUT_MS = 10_000;

export interface FailedRunAlert {
  runId: string;
  workspaceId: string;
  workflowId: string;
  workflowName: string;
  triggerKind?: string;
  error: SerializedError;
}

/**
 * Tells the workflow's alert channels (a webhook, an e-mail, or both) that a run failed, at most
 * once per `everyMinutes` per workflow (a durable timestamp, so restarts and several processes keep
 * the limit). Failures in between are counted and reported with the next alert. Delivery is best
 * effort: a channel that fails is logged and counted in the metrics, never retried, and never fails
 * the run's bookkeeping. The outcome is "sent" when at least one channel got the alert.
 */
export async function alertRunFailed(alerts: AlertSettings | undefined, failure: FailedRunAlert): Promise<"sent" | "suppressed" | "failed" | "off"> {
  if (!alerts?.webhookUrl && !alerts?.email) return "off";
  const claim = await claimAlert(failure.workflowId, (alerts.everyMinutes ?? DEFAULT_ALERT_EVERY_MINUTES) * 60_000);
  if (!claim.send) {
    safely(() => metrics().alerts.inc({ outcome: "suppressed" }));
    return "suppressed";
  }
  const message = describeFailure(failure, claim.suppressed);
  const channels = [
    alerts.webhookUrl && deliver(`webhook ${new URL(alerts.webhookUrl).host}`, () => postAlert(alerts.webhookUrl!, message)),
    alerts.email && deliver(`e-mail to ${alerts.email.to}`, () => mailAlert(failure.workspaceId, alerts.email!, message)),
  ].filter((channel): channel is Promise<boolean> => Boolean(channel));
  const sent = (await Promise.all(channels)).some(Boolean);
  safely(() => metrics().alerts.inc({ outcome: sent ? "sent" : "failed" }));
  return sent ? "sent" : "failed";

  async function deliver(channel: string, send: () => Promise<void>): Promise<boolean> {
    try {
      await send();
      return true;
    } catch (error) {
      console.error(`[alerts] could not send the ${channel} about run ${failure.runId}: ${(error as Error).message}`);
      return false;
    }
  }
}

interface AlertMessage {
  text: string;
  body: Record<string, unknown>;
  url?: string;
}

function describeFailure(failure: FailedRunAlert, suppressed: number): AlertMessage {
  const origin = process.env.PUBLIC_URL?.replace(/\/+$/, "");
  const path = `/runs/${failure.runId}`;
  const url = origin ? `${origin}${path}` : undefined;
  const where = failure.error.nodeId ? ` at step ${String(failure.error.nodeId)}` : "";
  const text = `Switchboard: a run of “${failure.workflowName}” failed${where}: ${failure.error.message}${suppressed ? ` (${suppressed} more failures since the last alert)` : ""}`;
  const body = {
    type: "run.failed",
    text,
    workflow: { id: failure.workflowId, name: failure.workflowName },
    run: { id: failure.runId, path, ...(url ? { url } : {}), triggerKind: failure.triggerKind ?? null, error: failure.error, failedAt: new Date().toISOString() },
    suppressedSinceLastAlert: suppressed,
  };
  return { text, body, url };
}

async function postAlert(webhookUrl: string, message: AlertMessage) {
  const response = await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Switchboard-Alerts" },
    body: JSON.stringify(message.body),
    signal: AbortSignal.timeout(ALERT_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`answered ${response.status}`);
}

async function mailAlert(workspaceId: string, email: NonNullable<AlertSettings["email"]>, message: AlertMessage) {
  const { workflow, run } = message.body as { workflow: { name: string }; run: { id: string; error: SerializedError } };
  const lines = [message.text, "", `Run: ${message.url ?? run.id}`, `Error: ${run.error.message}`];
  await sendEmail(await loadConnection(workspaceId, email.connectionId), {
    to: email.to,
    subject: `Run of “${workflow.name}” failed`,
    text: lines.join("\n"),
  });
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
