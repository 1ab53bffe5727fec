import { isUniqueConflict } from "@/lib/db/unique-conflict";
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
  const sent = await deliverAlert(alerts, failure.workspaceId, describeFailure(failure, claim.suppressed));
  safely(() => metrics().alerts.inc({ outcome: sent ? "sent" : "failed" }));
  return sent ? "sent" : "failed";
}

/** What an alert says: `body` is POSTed to the webhook, `subject` and `lines` make the e-mail. */
export interface AlertMessage {
  /** What the alert is about, for the log when a channel fails ("run run_…"). */
  about: string;
  text: string;
  body: Record<string, unknown>;
  subject: string;
  lines: string[];
}

/** Sends one alert to every channel of `alerts`; true when at least one got it. A failing channel is logged, never retried. */
export async function deliverAlert(alerts: AlertSettings, workspaceId: string, message: AlertMessage): Promise<boolean> {
  const channels = [
    alerts.webhookUrl && deliver(`webhook ${new URL(alerts.webhookUrl).host}`, () => postAlert(alerts.webhookUrl!, message)),
    alerts.email && deliver(`e-mail to ${alerts.email.to}`, () => mailAlert(workspaceId, alerts.email!, message)),
  ].filter((channel): channel is Promise<boolean> => Boolean(channel));
  return (await Promise.all(channels)).some(Boolean);

  async function deliver(channel: string, send: () => Promise<void>): Promise<boolean> {
    try {
      await send();
      return true;
    } catch (error) {
      console.error(`[alerts] could not send the ${channel} about ${message.about}: ${(error as Error).message}`);
      return false;
    }
  }
}

/** The address of one of the app's pages when PUBLIC_URL is set. */
export function publicUrl(path: string): string | undefined {
  const origin = process.env.PUBLIC_URL?.replace(/\/+$/, "");
  return origin ? `${origin}${path}` : undefined;
}

function describeFailure(failure: FailedRunAlert, suppressed: number): AlertMessage {
  const path = `/runs/${failure.runId}`;
  const url = publicUrl(path);
  const where = failure.error.nodeId ? ` at step ${String(failure.error.nodeId)}` : "";
  const text = `Switchboard: a run of “${failure.workflowName}” failed${where}: ${failure.error.message}${suppressed ? ` (${suppressed} more failures since the last alert)` : ""}`;
  const body = {
    type: "run.failed",
    text,
    workflow: { id: failure.workflowId, name: failure.workflowName },
    run: { id: failure.runId, path, ...(url ? { url } : {}), triggerKind: failure.triggerKind ?? null, error: failure.error, failedAt: new Date().toISOString() },
    suppressedSinceLastAlert: suppressed,
  };
  return { about: `run ${failure.runId}`, text, body, subject: `Run of “${failure.workflowName}” failed`, lines: [text, "", `Run: ${url ?? failure.runId}`, `Error: ${failure.error.message}`] };
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
  await sendEmail(await loadConnection(workspaceId, email.connectionId), { to: email.to, subject: message.subject, text: message.lines.join("\n") });
}

/** Claims the workflow's alert slot when the last alert is older than `everyMs`; otherwise counts a suppressed failure. */
async function claimAlert(workflowId: string, everyMs: number): Promise<{ send: boolean; suppressed: number }> {
  const now = new Date();
  try {
    await db().alertState.create({ data: { workflowId, lastSentAt: now } });
    return { send: true, suppressed: 0 };
  } catch (error) {
    if (!isUniqueConflict(error)) throw error;
  }
  const previous = await db().alertState.findUnique({ where: { workflowId } });
  const { count } = await db().alertState.updateMany({ where: { workflowId, lastSentAt: { lte: new Date(now.getTime() - everyMs) } }, data: { lastSentAt: now, suppressed: 0 } });
  if (count) return { send: true, suppressed: previous?.suppressed ?? 0 };
  await db().alertState.updateMany({ where: { workflowId }, data: { suppressed: { increment: 1 } } });
  return { send: false, suppressed: 0 };
}
